import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fetchStatus } from '../../transport/api';
import type { ItemRun } from '../itemRun';
import { readRequestId } from './readRequestId';
import { maxConcurrencyOption, requestTimeoutOption, modelField, requestIdField } from './fields';

const properties: INodeProperties[] = [
	modelField,
	requestIdField,
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
	{ show: { resource: ['video'], operation: ['getStatus'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: ItemRun,
): Promise<INodeExecutionData[]> {
	const { model, requestId } = readRequestId(this, itemIndex);
	const status = await fetchStatus(run.client, model, requestId, itemIndex);
	return [{ json: status, pairedItem: { item: itemIndex } }];
}
