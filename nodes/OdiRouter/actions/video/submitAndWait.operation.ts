import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { checkFirstFrame } from '../../parameters/imageCheck';
import {
	binaryPropertyOutputOption,
	cancelOnTimeoutOption,
	checkImageLinkOption,
	maxWaitOption,
	optionsCollection,
	pollIntervalOption,
	readOptions,
	targetNoticeDelayOption,
} from '../../parameters/options';
import { downloadVideoFields, outputFields, readOutputSettings } from '../../parameters/outputFields';
import { readSubmitBody } from '../../parameters/submitInput';
import { taskFields } from '../../parameters/taskFields';
import { modelField, readModel } from '../../parameters/taskReference';
import { toolDescriptionField } from '../../parameters/toolDescription';
import { learnedKind, submitted as recordSubmit } from '../../polling/learnedDurations';
import { taskEndedError } from '../../transport/taskErrors';
import type { ItemRun } from '../itemRun';
import { shownFor } from './shownFor';
import { submitOrResume, withTaskFacts } from './submitOrResume';
import type { TaskWait } from './taskWait';
import { endUnfinished, fetchFinishedVideo, waitUnlessStopped } from './taskWait';

export const description = shownFor('submitAndWait', [
	toolDescriptionField('submitAndWait'),
	modelField,
	...taskFields,
	...downloadVideoFields,
	...outputFields,
	optionsCollection(
		checkImageLinkOption,
		cancelOnTimeoutOption,
		maxWaitOption,
		pollIntervalOption,
		binaryPropertyOutputOption,
		targetNoticeDelayOption,
	),
]);

/** Submits (or resumes) the item's task, waits for it within Max Wait and returns the video. */
export async function execute(this: IExecuteFunctions, itemIndex: number, run: ItemRun): Promise<INodeExecutionData[]> {
	const model = readModel(this, itemIndex);
	const body = await readSubmitBody(this, itemIndex);
	const options = readOptions(this, itemIndex);
	const output = readOutputSettings(this, itemIndex, options);
	const taskKind = learnedKind(this, run.client.baseUrl, model, body);
	const imageCheck = { enabled: options.checkImageLink, requestTimeoutMs: run.client.timeoutMs, signal: run.signal };
	const task = await submitOrResume(this, run, model, body, itemIndex, async () => await checkFirstFrame(this, itemIndex, body, imageCheck));
	try {
		const requestId = task.submitted.request_id;
		run.trackTask(requestId, 'running');
		if (!task.resumed) recordSubmit(requestId, taskKind, run.waitClock);

		const wait: TaskWait = { ctx: this, run, model, requestId, itemIndex, options, task };
		const outcome = await waitUnlessStopped(wait, taskKind);
		if (!outcome.finished) {
			const pending = await endUnfinished(wait, outcome, output);
			if (pending) return [{ json: withTaskFacts(pending, task), pairedItem: { item: itemIndex } }];
		} else if (outcome.status.status !== 'completed') {
			const { status } = outcome;
			task.forget();
			throw taskEndedError(this.getNode(), { status: status.status, reason: status.error ?? status.status, errorType: status.error_type, itemIndex, requestId });
		}
		run.trackTask(requestId, 'finished');
		const item = await fetchFinishedVideo(wait, output);
		task.delivered();
		return [{ ...item, json: withTaskFacts(item.json, task) }];
	} finally {
		task.release();
	}
}
