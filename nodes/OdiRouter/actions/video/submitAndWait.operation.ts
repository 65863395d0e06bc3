import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { sleep, updateDisplayOptions } from 'n8n-workflow';

import { readSubmitBody } from '../../helpers/submitInput';
import { waitForTask } from '../../helpers/waitForTask';
import { cancelTask, fetchResult, submitTask } from '../../transport/api';
import { apiError, asNodeError, operationError } from '../../transport/errors';
import type { ItemRun } from '../itemRun';
import {
	binaryPropertyOutputOption,
	downloadVideoField,
	maxConcurrencyOption,
	requestTimeoutOption,
	modelField,
	taskFields,
} from './fields';
import { readModel } from './readRequestId';
import { readOutputSettings, resultToItem } from './resultOutput';

const properties: INodeProperties[] = [
	modelField,
	...taskFields,
	downloadVideoField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Cancel Task on Timeout',
				name: 'cancelOnTimeout',
				type: 'boolean',
				default: false,
				description:
					'Whether to cancel the task upstream when Max Wait passes or another item stops the batch (stopping the polling alone does not stop the billing)',
			},
			maxConcurrencyOption,
			{
				displayName: 'Max Wait (Seconds)',
				name: 'maxWait',
				type: 'number',
				default: 600,
				typeOptions: { minValue: 1, numberPrecision: 0 },
				description: 'How long to wait for the video before giving up with the request ID in the error',
			},
			{
				displayName: 'Poll Interval (Seconds)',
				name: 'pollInterval',
				type: 'number',
				default: 5,
				typeOptions: { minValue: 1 },
				description:
					'The shortest time between two status requests for one task. The node polls sooner near the likely end of a clip and less often early on.',
			},
			binaryPropertyOutputOption,
			requestTimeoutOption,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['video'], operation: ['submitAndWait'] } },
	properties,
);

interface WaitSettings {
	pollIntervalMs: number;
	maxWaitMs: number;
	cancelOnTimeout: boolean;
}

function readWaitSettings(ctx: IExecuteFunctions, itemIndex: number): WaitSettings {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as Record<string, unknown>;
	const pollInterval = Number(options.pollInterval ?? 5);
	const maxWait = Number(options.maxWait ?? 600);
	return {
		pollIntervalMs: Number.isFinite(pollInterval) ? Math.max(1, pollInterval) * 1000 : 5000,
		maxWaitMs: Number.isFinite(maxWait) ? Math.max(1, maxWait) * 1000 : 600_000,
		cancelOnTimeout: options.cancelOnTimeout === true,
	};
}

// The status can say COMPLETED a moment before the result endpoint has the video.
async function fetchFinishedResult(run: ItemRun, model: string, requestId: string, itemIndex: number) {
	for (let attempt = 1; ; attempt++) {
		const answer = await fetchResult(run.client, model, requestId, itemIndex);
		if (answer.ready || attempt >= 5) return answer;
		await sleep(1000, run.signal);
	}
}

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
	const { request_id: requestId } = await submitTask(run.client, model, body, itemIndex);
	run.trackTask(requestId, 'running');
	const cancelUpstream = async () => {
		if (!wait.cancelOnTimeout) return false;
		await cancelTask(run.client, model, requestId, itemIndex);
		run.trackTask(requestId, 'cancelled');
		return true;
	};
	const laterHint = `Look it up later with Get Status or Get Result, or stop it with Cancel, using request ID ${requestId}.`;

	let outcome;
	try {
		outcome = await waitForTask(run.client, {
			model,
			requestId,
			itemIndex,
			minIntervalMs: wait.pollIntervalMs,
			maxWaitMs: wait.maxWaitMs,
			signal: run.signal,
		});
	} catch (error) {
		if (!run.signal.aborted) throw asNodeError(node, error, itemIndex, requestId);
		// A stopped execution sends nothing more; a batch stopped by another item's failure may cancel.
		const executionStopped = this.getExecutionCancelSignal()?.aborted === true;
		const cancelled = !executionStopped && (await cancelUpstream());
		throw operationError(node, {
			message: `Stopped while waiting for the video. Request ID: ${requestId}.`,
			description: cancelled ? `The task was cancelled upstream.` : `The task may still be running (and billed). ${laterHint}`,
			itemIndex,
			requestId,
		});
	}
	if (!outcome.finished) {
		const cancelled = await cancelUpstream();
		throw operationError(node, {
			message: `The video was not ready within ${wait.maxWaitMs / 1000} s (last status: ${outcome.status?.status ?? 'none yet'}). Request ID: ${requestId}.`,
			description: cancelled
				? 'The task was cancelled upstream (Cancel Task on Timeout). Raise Max Wait in Options to wait longer next time.'
				: `The task keeps running. Raise Max Wait in Options, or ${laterHint.charAt(0).toLowerCase()}${laterHint.slice(1)}`,
			itemIndex,
			requestId,
		});
	}
	const { status } = outcome;
	if (status.status !== 'completed') {
		throw apiError(node, {
			message: `The task ${status.status === 'failed' ? 'failed' : 'was cancelled'}: ${status.error ?? status.status}. Request ID: ${requestId}.`,
			description: `Error type: ${status.error_type ?? 'not given'}. Check the image and prompt, then submit again.`,
			itemIndex,
			requestId,
		});
	}
	run.trackTask(requestId, 'finished');
	const answer = await fetchFinishedResult(run, model, requestId, itemIndex);
	if (!answer.ready) {
		throw apiError(node, {
			message: `The task is finished but its result is not available yet (${answer.status.status}). Request ID: ${requestId}.`,
			description: `Fetch it in a moment with Get Result and request ID ${requestId}.`,
			itemIndex,
			requestId,
		});
	}
	return [await resultToItem(this, itemIndex, run, answer.result, output)];
}
