import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { cancelTask } from '../../transport/api';
import type { ItemRun } from '../itemRun';
import { optionsCollection } from '../../parameters/options';
import { modelField, readRequestId, requestIdField } from '../../parameters/taskReference';
import { toolDescriptionField } from '../../parameters/toolDescription';

const properties: INodeProperties[] = [
	toolDescriptionField('cancel'),
	modelField,
	requestIdField,
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['video'], operation: ['cancel'] } },
	properties,
);

/** An already finished task is an ordinary item (`cancelled: false`), not a failure. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: ItemRun,
): Promise<INodeExecutionData[]> {
	const { model, requestId } = readRequestId(this, itemIndex);
	const result = await cancelTask(run.client, model, requestId, itemIndex);
	return [{ json: result, pairedItem: { item: itemIndex } }];
}
