import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { NodeOptions } from '../../parameters/options';
import type { OutputSettings } from '../../parameters/outputFields';
import { isToolMode } from '../../parameters/toolMode';
import { etaOf, storeObservations, waitedFor } from '../../polling/learnedDurations';
import type { WaitOutcome } from '../../polling/waitForTask';
import { waitForResult, waitForTask } from '../../polling/waitForTask';
import { cancelTask, fetchResult, fetchStatus } from '../../transport/api';
import { apiError, asNodeError } from '../../transport/errors';
import type { CancelOutcome } from '../../transport/taskErrors';
import { notReadyInTimeError, waitStoppedError } from '../../transport/taskErrors';
import type { TaskStatus } from '../../transport/types';
import type { ItemRun } from '../itemRun';
import { notReadyResult, outputJson, resultToItem } from './resultOutput';
import { comeBackLater } from './simplify';
import type { SubmittedTask } from './submitOrResume';

/** One item's accepted task while Submit and Wait waits for it. */
export interface TaskWait {
	ctx: IExecuteFunctions;
	run: ItemRun;
	model: string;
	requestId: string;
	itemIndex: number;
	options: NodeOptions;
	task: SubmittedTask;
}

async function cancelUpstream({ run, model, requestId, itemIndex, options, task }: TaskWait): Promise<CancelOutcome> {
	if (!options.cancelOnTimeout) return 'not asked';
	const answer = await cancelTask(run.client, model, requestId, itemIndex);
	if (!answer.cancelled) {
		run.trackTask(requestId, 'finished');
		return 'finished';
	}
	task.forget();
	run.trackTask(requestId, 'cancelled');
	return 'cancelled';
}

/** Poll Interval is the floor of every status request, retries included; Max Wait bounds them. */
async function fetchTaskStatus({ run, model, requestId, itemIndex, options }: TaskWait, timeLeftMs: number): Promise<TaskStatus> {
	return await fetchStatus(run.client, model, requestId, itemIndex, { minPauseMs: options.poll.minIntervalMs, timeLeftMs });
}

/** How a wait ended without the task finishing: Max Wait passed, or the batch or the execution was stopped. */
export type UnfinishedWait = { finished: false; status: TaskStatus | null; endedBy: 'max wait' | 'batch stop' | 'execution stop' };

/** Waits for the task within Max Wait; a stop of the batch or the execution ends the wait, not the task. */
export async function waitUnlessStopped(wait: TaskWait, taskKind: string): Promise<{ finished: true; status: TaskStatus } | UnfinishedWait> {
	const { ctx, run, options, itemIndex, requestId, task } = wait;
	try {
		// A resumed task may have finished while n8n waited between tries: look before planning a wait.
		const current = task.resumed ? await fetchTaskStatus(wait, options.maxWaitMs) : null;
		const outcome: WaitOutcome = current?.done
			? { finished: true, status: current }
			: await waitForTask({
					...options.poll,
					taskKind,
					maxWaitMs: options.maxWaitMs,
					signal: run.signal,
					clock: run.waitClock,
					onObservation: storeObservations(ctx, taskKind),
					fetchStatus: async ({ timeLeftMs }) => await fetchTaskStatus(wait, timeLeftMs),
				});
		if (outcome.finished) waitedFor(requestId);
		return outcome.finished ? outcome : { ...outcome, endedBy: 'max wait' };
	} catch (error) {
		if (!run.signal.aborted) throw asNodeError(ctx.getNode(), error, itemIndex, requestId);
		const executionStopped = ctx.getExecutionCancelSignal()?.aborted === true;
		return { finished: false, status: null, endedBy: executionStopped ? 'execution stop' : 'batch stop' };
	}
}

/**
 * The wait ended before the task did. An agent's tool at Max Wait gets an item it can resume from (the
 * task is never cancelled on its behalf). Otherwise the task is cancelled when the options ask for it
 * (a stopped execution sends nothing more) and the item fails, unless the cancel found the task
 * finished at Max Wait: then `null`, and the video the user paid for is fetched.
 */
export async function endUnfinished(wait: TaskWait, outcome: UnfinishedWait, output: OutputSettings): Promise<IDataObject | null> {
	const { ctx, requestId, options, itemIndex } = wait;
	const waitedSeconds = options.maxWaitMs / 1000;
	if (outcome.endedBy !== 'max wait' || !isToolMode(ctx)) {
		const cancel = outcome.endedBy === 'execution stop' ? 'not asked' : await cancelUpstream(wait);
		if (outcome.endedBy !== 'max wait') throw waitStoppedError(ctx.getNode(), { cancel, itemIndex, requestId });
		if (cancel === 'finished') return null;
		throw notReadyInTimeError(ctx.getNode(), { cancel, waitedSeconds, lastStatus: outcome.status?.status ?? null, itemIndex, requestId });
	}
	const notReady = notReadyResult(requestId, outcome.status);
	const eta = etaOf(requestId, outcome.status, wait.run.waitClock);
	return { ...outputJson(notReady, output), eta_seconds: eta, next_step: comeBackLater(requestId, waitedSeconds, eta) };
}

/** The finished task's result as an output item (with the video when Download Video is on). */
export async function fetchFinishedVideo(wait: TaskWait, output: OutputSettings): Promise<INodeExecutionData> {
	const { ctx, run, model, requestId, itemIndex, task } = wait;
	const answer = await waitForResult(async () => await fetchResult(run.client, model, requestId, itemIndex), run.signal, run.waitClock);
	if (!answer.ready) {
		throw apiError(ctx.getNode(), {
			message: `The task is finished but its result is not available yet (${answer.status.status}). Fetch it in a moment with Get Result, request ID ${requestId}.`,
			description: 'OdiRouter reported the task finished, but its result endpoint still answers that it is not.',
			itemIndex,
			requestId,
		});
	}
	if (answer.result.status === 'failed' || answer.result.status === 'cancelled') task.forget();
	return await resultToItem(ctx, itemIndex, run, answer.result, output);
}
