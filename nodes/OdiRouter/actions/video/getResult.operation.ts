import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { binaryPropertyOutputOption, optionsCollection, readOptions } from '../../parameters/options';
import { downloadVideoFields, outputFields, readOutputSettings } from '../../parameters/outputFields';
import { modelField, readRequestId, requestIdField } from '../../parameters/taskReference';
import { toolDescriptionField } from '../../parameters/toolDescription';
import { fetchResult } from '../../transport/api';
import type { ItemRun } from '../itemRun';
import { notReadyResult, outputJson, resultToItem } from './resultOutput';
import { shownFor } from './shownFor';

export const description = shownFor('getResult', [
	toolDescriptionField('getResult'),
	modelField,
	requestIdField,
	...downloadVideoFields,
	...outputFields,
	optionsCollection(binaryPropertyOutputOption),
]);

/** While the task runs, the item says so (status queued/running, video_url null) instead of failing. */
export async function execute(this: IExecuteFunctions, itemIndex: number, run: ItemRun): Promise<INodeExecutionData[]> {
	const { model, requestId } = readRequestId(this, itemIndex);
	const settings = readOutputSettings(this, itemIndex, readOptions(this, itemIndex));
	const answer = await fetchResult(run.client, model, requestId, itemIndex);
	if (!answer.ready) {
		return [{ json: outputJson(notReadyResult(requestId, answer.status), settings), pairedItem: { item: itemIndex } }];
	}
	return [await resultToItem(this, itemIndex, run, answer.result, settings)];
}
