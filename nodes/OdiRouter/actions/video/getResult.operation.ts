import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fetchResult } from '../../transport/api';
import type { ItemRun } from '../itemRun';
import {
	binaryPropertyOutputOption,
	downloadVideoField,
	maxConcurrencyOption,
	requestTimeoutOption,
	modelField,
	requestIdField,
} from './fields';
import { readRequestId } from './readRequestId';
import { readOutputSettings, resultToItem } from './resultOutput';

const properties: INodeProperties[] = [
	modelField,
	requestIdField,
	downloadVideoField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [maxConcurrencyOption, binaryPropertyOutputOption, requestTimeoutOption],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['video'], operation: ['getResult'] } },
	properties,
);

/** While the task runs, the item says so (status queued/running, video_url null) instead of failing. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: ItemRun,
): Promise<INodeExecutionData[]> {
	const { model, requestId } = readRequestId(this, itemIndex);
	const settings = readOutputSettings(this, itemIndex);
	const answer = await fetchResult(run.client, model, requestId, itemIndex);
	if (!answer.ready) {
		const notReady = {
			request_id: requestId,
			status: answer.status.status === 'unknown' ? 'running' : answer.status.status,
			video_url: null,
			content_type: null,
			file_name: null,
			file_size: null,
			duration: null,
			width: null,
			height: null,
			raw: answer.status.raw,
		};
		return [{ json: notReady, pairedItem: { item: itemIndex } }];
	}
	return [await resultToItem(this, itemIndex, run, answer.result, settings)];
}
