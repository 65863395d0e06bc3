import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readSubmitBody } from '../../helpers/submitInput';
import { submitTask } from '../../transport/api';
import type { ItemRun } from '../itemRun';
import { optionsCollection, modelField, outputFields, taskFields } from './fields';
import { checkFirstFrame, checkImageLinkOption } from './imageCheck';
import { readModel } from './taskReference';
import { readOutputMode } from './resultOutput';
import { simplifySubmit } from './simplify';
import { toolDescriptionField } from './toolDescription';

const properties: INodeProperties[] = [
	toolDescriptionField('submit'),
	modelField,
	...taskFields,
	...outputFields,
	optionsCollection(checkImageLinkOption),
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
	const imageCheck = await checkFirstFrame(this, itemIndex, body, run);
	const submitted = await submitTask(run.client, model, body, itemIndex);
	run.trackTask(submitted.request_id, 'running');
	const json = output === 'simplified' ? simplifySubmit(submitted) : submitted;
	return [{ json: { ...json, image_check: imageCheck }, pairedItem: { item: itemIndex } }];
}
