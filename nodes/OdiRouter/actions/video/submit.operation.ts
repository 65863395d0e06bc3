import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readSubmitBody } from '../../helpers/submitInput';
import { submitTask } from '../../transport/api';
import type { ItemRun } from '../itemRun';
import { maxConcurrencyOption, requestTimeoutOption, modelField, taskFields } from './fields';
import { readModel } from './readRequestId';

const properties: INodeProperties[] = [
	modelField,
	...taskFields,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [maxConcurrencyOption, requestTimeoutOption],
	},
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
	const submitted = await submitTask(run.client, model, body, itemIndex);
	run.trackTask(submitted.request_id, 'running');
	return [{ json: submitted, pairedItem: { item: itemIndex } }];
}
