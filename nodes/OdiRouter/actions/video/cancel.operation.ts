import { optionsCollection } from '../../parameters/options';
import { modelField, readRequestId, requestIdField } from '../../parameters/taskReference';
import { toolDescriptionField } from '../../parameters/toolDescription';
import { cancelTask } from '../../transport/api';
import type { VideoOperation } from './operation';
import { shownFor } from './operation';

export const description = shownFor('cancel', [
	toolDescriptionField('cancel'),
	modelField,
	requestIdField,
	optionsCollection(),
]);

/** An already finished task is an ordinary item (`cancelled: false`), not a failure. */
export const execute: VideoOperation = async function (itemIndex, run) {
	const { model, requestId } = readRequestId(this, itemIndex);
	const result = await cancelTask(run.client, model, requestId, itemIndex);
	return [{ json: result, pairedItem: { item: itemIndex } }];
};
