import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readSubmitBody } from '../../helpers/submitInput';
import { submitTask } from '../../transport/api';
import type { ItemRun } from '../itemRun';
import { optionsCollection, modelField, outputFields, taskFields } from './fields';
import { learnedKind, submitted as recordSubmit } from './learnedDurations';
import { readModel } from './taskReference';
import { readOutputMode } from './resultOutput';
import { simplifySubmit } from './simplify';
import { toolDescriptionField } from './toolDescription';

const properties: INodeProperties[] = [
	toolDescriptionField('submit'),
	modelField,
	...taskFields,
	...outputFields,
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['video'], operation: ['submit'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: ItemRun,
): Promise<INodeExecutionData[]> {
	const model = readModel(this, itemIndex);
	const body = await readSubmitBody(this, itemIndex);
	const output = readOutputMode(this, itemIndex);
	const kind = learnedKind(this, run, model, body);
	const submitted = await submitTask(run.client, model, body, itemIndex);
	run.trackTask(submitted.request_id, 'running');
	const eta = recordSubmit(submitted.request_id, kind);
	const json = output === 'simplified' ? simplifySubmit(submitted, eta) : { ...submitted, eta_seconds: eta };
	return [{ json, pairedItem: { item: itemIndex } }];
}
