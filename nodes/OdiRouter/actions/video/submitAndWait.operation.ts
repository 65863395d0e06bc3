import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readSubmitBody } from '../../parameters/submitInput';
import { isToolMode, TOOL_MAX_WAIT_SECONDS } from '../../parameters/toolMode';
import type { WaitOutcome } from '../../polling/waitForTask';
import { waitForResult, waitForTask } from '../../polling/waitForTask';
import { cancelTask, fetchResult, fetchStatus } from '../../transport/api';
import { apiError, asNodeError, operationError } from '../../transport/errors';
import type { ItemRun } from '../itemRun';
import {
	binaryPropertyOutputOption,
	downloadVideoFields,
	modelField,
	optionsCollection,
	outputFields,
	taskFields,
} from '../../parameters/fields';
import { checkFirstFrame, checkImageLinkOption } from '../../parameters/imageCheck';
import { etaOf, learnedKind, storeObservations, submitted as recordSubmit, waitedFor } from '../../polling/learnedDurations';
import { pollIntervalOption, readPollSettings, targetNoticeDelayOption } from '../../parameters/pollOptions';
import { readModel } from '../../parameters/taskReference';
import { notReadyResult, outputJson, readOutputSettings, resultToItem, taskEndedError } from './resultOutput';
import { comeBackLater } from './simplify';
import { markResumed, submitOrResume } from './submitOrResume';
import { toolDescriptionField } from '../../parameters/toolDescription';

const properties: INodeProperties[] = [
	toolDescriptionField('submitAndWait'),
	modelField,
	...taskFields,
	...downloadVideoFields,
	...outputFields,
	optionsCollection(
		checkImageLinkOption,
		{
			displayName: 'Cancel Task on Timeout',
			name: 'cancelOnTimeout',
			type: 'boolean',
			default: false,
			description:
				'Whether to cancel the task upstream when Max Wait passes or another item stops the batch (stopping the polling alone does not stop the billing). An agent tool never cancels on Max Wait: it returns the request ID to fetch the video later.',
		},
		{
			displayName: 'Max Wait (Seconds)',
			name: 'maxWait',
			type: 'number',
			default: 600,
			typeOptions: { minValue: 1, numberPrecision: 0 },
			description: `How long to wait for the video before giving up with the request ID in the error. As an agent tool: ${TOOL_MAX_WAIT_SECONDS} s unless set here, and the tool then returns the request ID to fetch the video later instead of failing.`,
		},
		pollIntervalOption,
		binaryPropertyOutputOption,
		targetNoticeDelayOption,
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['video'], operation: ['submitAndWait'] } },
	properties,
);

interface WaitSettings {
	maxWaitMs: number;
	cancelOnTimeout: boolean;
}

function readWaitSettings(ctx: IExecuteFunctions, itemIndex: number): WaitSettings {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as Record<string, unknown>;
	const maxWait = Number(options.maxWait ?? (isToolMode(ctx) ? TOOL_MAX_WAIT_SECONDS : 600));
	return {
		maxWaitMs: Number.isFinite(maxWait) ? Math.max(1, maxWait) * 1000 : 600_000,
		cancelOnTimeout: options.cancelOnTimeout === true,
	};
}

/** What a cancel did: `finished` when the task completed before the cancel reached it (it is billed, its video exists). */
type CancelOutcome = 'cancelled' | 'finished' | 'not asked';

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: ItemRun,
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const model = readModel(this, itemIndex);
	const body = await readSubmitBody(this, itemIndex);
	const output = readOutputSettings(this, itemIndex);
	const wait = readWaitSettings(this, itemIndex);
	const poll = readPollSettings(this, itemIndex);
	const taskKind = learnedKind(this, run.client.baseUrl, model, body);
	const task = await submitOrResume(this, run, model, body, itemIndex, async () => await checkFirstFrame(this, itemIndex, body, run));
	const requestId = task.submitted.request_id;
	// Every item of this task says whether it was resumed and what the image check before billing found.
	const taskJson = <T extends IDataObject>(json: T) => ({ ...markResumed(json, task), image_check: task.imageCheck });
	run.trackTask(requestId, 'running');
	if (!task.resumed) recordSubmit(requestId, taskKind, run.waitClock);
	const cancelUpstream = async (): Promise<CancelOutcome> => {
		if (!wait.cancelOnTimeout) return 'not asked';
		const answer = await cancelTask(run.client, model, requestId, itemIndex);
		if (!answer.cancelled) {
			run.trackTask(requestId, 'finished');
			return 'finished';
		}
		task.forget();
		run.trackTask(requestId, 'cancelled');
		return 'cancelled';
	};
	// Poll Interval is the floor of every status request, retries included; Max Wait bounds them.
	const fetchTaskStatus = async (limits: { timeLeftMs: number }) =>
		await fetchStatus(run.client, model, requestId, itemIndex, { minPauseMs: poll.minIntervalMs, timeLeftMs: limits.timeLeftMs });
	const laterHint = `Fetch it later with Get Result or stop it with Cancel, using request ID ${requestId}.`;

	let outcome: WaitOutcome;
	try {
		// A resumed task may have finished while n8n waited between tries: look before planning a wait.
		const current = task.resumed ? await fetchTaskStatus({ timeLeftMs: wait.maxWaitMs }) : null;
		outcome = current?.done
			? { finished: true, status: current }
			: await waitForTask({
					...poll,
					taskKind,
					maxWaitMs: wait.maxWaitMs,
					signal: run.signal,
					clock: run.waitClock,
					onObservation: storeObservations(this, taskKind),
					fetchStatus: fetchTaskStatus,
				});
	} catch (error) {
		if (!run.signal.aborted) throw asNodeError(node, error, itemIndex, requestId);
		// A stopped execution sends nothing more; a batch stopped by another item's failure may cancel.
		const executionStopped = this.getExecutionCancelSignal()?.aborted === true;
		const cancel = executionStopped ? 'not asked' : await cancelUpstream();
		throw operationError(node, stoppedError(cancel, requestId, laterHint, itemIndex));
	}
	if (outcome.finished) waitedFor(requestId);
	if (!outcome.finished) {
		const waited = `The video was not ready within ${wait.maxWaitMs / 1000} s (last status: ${outcome.status?.status ?? 'none yet'})`;
		if (isToolMode(this)) {
			// An agent gets an item it can resume from; the task is never cancelled on its behalf.
			const eta = etaOf(requestId, outcome.status, run.waitClock);
			const pending = {
				...outputJson(notReadyResult(requestId, outcome.status), output),
				eta_seconds: eta,
				next_step: comeBackLater(requestId, wait.maxWaitMs / 1000, eta),
			};
			return [{ json: taskJson(pending), pairedItem: { item: itemIndex } }];
		}
		const cancel = await cancelUpstream();
		// The task finished between the last poll and the cancel: the user paid for that video, so it is returned.
		if (cancel !== 'finished') {
			throw operationError(node, {
				message:
					cancel === 'cancelled'
						? `${waited}, so the task was cancelled (Cancel Task on Timeout). Request ID: ${requestId}. Raise Max Wait to wait longer.`
						: `${waited}. The task keeps running and is billed: fetch it with Get Result, request ID ${requestId}, or stop it with Cancel.`,
				description: 'Raise Max Wait in Options to wait longer, or for long tasks use Submit, a Wait node and Get Result.',
				itemIndex,
				requestId,
			});
		}
	} else if (outcome.status.status !== 'completed') {
		const { status } = outcome;
		task.forget();
		throw taskEndedError(node, { status: status.status, reason: status.error ?? status.status, errorType: status.error_type, itemIndex, requestId });
	}
	run.trackTask(requestId, 'finished');
	const answer = await waitForResult(async () => await fetchResult(run.client, model, requestId, itemIndex), run.signal, run.waitClock);
	if (!answer.ready) {
		throw apiError(node, {
			message: `The task is finished but its result is not available yet (${answer.status.status}). Fetch it in a moment with Get Result, request ID ${requestId}.`,
			description: 'OdiRouter reported the task finished, but its result endpoint still answers that it is not.',
			itemIndex,
			requestId,
		});
	}
	if (answer.result.status === 'failed' || answer.result.status === 'cancelled') task.forget();
	const item = await resultToItem(this, itemIndex, run, answer.result, output);
	return [{ ...item, json: taskJson(item.json) }];
}

function stoppedError(cancel: CancelOutcome, requestId: string, laterHint: string, itemIndex: number) {
	if (cancel === 'finished') {
		return {
			message: `Stopped while waiting for the video, but the task had already finished (too late to cancel; it is billed). Fetch the video with Get Result, request ID ${requestId}.`,
			description: 'Cancel Task on Timeout is on, but OdiRouter answered that the task was already completed.',
			itemIndex,
			requestId,
		};
	}
	if (cancel === 'cancelled') {
		return {
			message: `Stopped while waiting for the video; the task was cancelled upstream. Request ID: ${requestId}.`,
			description: 'Cancel Task on Timeout is on: a stopped batch cancels its tasks.',
			itemIndex,
			requestId,
		};
	}
	return {
		message: `Stopped while waiting for the video; the task may still be running (and billed). ${laterHint}`,
		description: 'Stopping the wait does not stop the task.',
		itemIndex,
		requestId,
	};
}
