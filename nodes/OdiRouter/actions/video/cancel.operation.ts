import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { optionsCollection } from '../../parameters/options';
import { modelField, readRequestId, requestIdField } from '../../parameters/taskReference';
import { toolDescriptionField } from '../../parameters/toolDescription';
import { cancelTask } from '../../transport/api';
import type { ItemRun } from '../itemRun';
import { shownFor } from './shownFor';

export const description = shownFor('cancel', [
	toolDescriptionField('cancel'),
	modelField,
	requestIdField,
	optionsCollection(),
]);

/** An already finished task is an ordinary item (`cancelled: false`), not a failure. */
export async function execute(this: IExecuteFunctions, itemIndex: number, run: ItemRun): Promise<INodeExecutionData[]> {
	const { model, requestId } = readRequestId(this, itemIndex);
	const result = await cancelTask(run.client, model, requestId, itemIndex);
	return [{ json: result, pairedItem: { item: itemIndex } }];
}
