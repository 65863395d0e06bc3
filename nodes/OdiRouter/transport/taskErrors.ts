import type { INode, NodeOperationError } from 'n8n-workflow';

import { apiError, operationError } from './errors';

/** A task that ended without a video: what happened, with its request ID and what to do next. */
export function taskEndedError(
	node: INode,
	task: { status: string; reason: unknown; errorType: unknown; itemIndex: number; requestId: string },
) {
	const reason = typeof task.reason === 'string' ? task.reason : JSON.stringify(task.reason ?? task.status);
	const what = task.status === 'failed' ? 'failed' : 'was cancelled';
	const errorType = typeof task.errorType === 'string' && task.errorType !== '' ? ` (${task.errorType})` : '';
	return apiError(node, {
		message: `The task ${what}: ${reason}${errorType}. Request ID: ${task.requestId}. Check the image and prompt, then submit again (a new, billed task).`,
		description: `Error type: ${String(task.errorType ?? 'not given')}.`,
		itemIndex: task.itemIndex,
		requestId: task.requestId,
	});
}

/** What a cancel did: `finished` when the task completed before the cancel reached it (it is billed, its video exists). */
export type CancelOutcome = 'cancelled' | 'finished' | 'not asked';

interface WaitFacts {
	cancel: CancelOutcome;
	itemIndex: number;
	requestId: string;
}

/** Submit and Wait was stopped (the execution, or another item's failure): what became of the task. */
export function waitStoppedError(node: INode, { cancel, itemIndex, requestId }: WaitFacts): NodeOperationError {
	const facts = { itemIndex, requestId };
	if (cancel === 'finished') {
		return operationError(node, {
			message: `Stopped while waiting for the video, but the task had already finished (too late to cancel; it is billed). Fetch the video with Get Result, request ID ${requestId}.`,
			description: 'Cancel Task on Timeout is on, but OdiRouter answered that the task was already completed.',
			...facts,
		});
	}
	if (cancel === 'cancelled') {
		return operationError(node, {
			message: `Stopped while waiting for the video; the task was cancelled upstream. Request ID: ${requestId}.`,
			description: 'Cancel Task on Timeout is on: a stopped batch cancels its tasks.',
			...facts,
		});
	}
	return operationError(node, {
		message: `Stopped while waiting for the video; the task may still be running (and billed). Fetch it later with Get Result or stop it with Cancel, using request ID ${requestId}.`,
		description: 'Stopping the wait does not stop the task.',
		...facts,
	});
}

/** Max Wait passed before the video was ready (and the task was not found finished by a cancel). */
export function notReadyInTimeError(
	node: INode,
	wait: WaitFacts & { waitedSeconds: number; lastStatus: string | null },
): NodeOperationError {
	const { cancel, requestId } = wait;
	const waited = `The video was not ready within ${wait.waitedSeconds} s (last status: ${wait.lastStatus ?? 'none yet'})`;
	return operationError(node, {
		message:
			cancel === 'cancelled'
				? `${waited}, so the task was cancelled (Cancel Task on Timeout). Request ID: ${requestId}. Raise Max Wait to wait longer.`
				: `${waited}. The task keeps running and is billed: fetch it with Get Result, request ID ${requestId}, or stop it with Cancel.`,
		description: 'Raise Max Wait in Options to wait longer, or for long tasks use Submit, a Wait node and Get Result.',
		itemIndex: wait.itemIndex,
		requestId,
	});
}
