import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DEFAULT_BASE_URL } from '../../../credentials/OdiRouterApi.credentials';
import type { Clock, Timing } from '../clock';
import { forEachConcurrently } from './concurrency';
import { asNodeError, redact, requestIdOf } from '../transport/errors';
import type { ApiClient } from '../transport/request';
import { CREDENTIAL_TYPE, DEFAULT_TIMEOUT_MS } from '../transport/request';
import { baseUrlProblem } from '../transport/urls';
import type { ItemRun, TaskState } from './itemRun';
import * as video from './video';
import { resumeScopeOf } from './video/submitOrResume';

type OperationName = keyof typeof video.operations;

const TASK_STATE_WORDS: Record<TaskState, string> = {
	running: 'may still be running',
	finished: 'finished: fetch its video with Get Result',
	cancelled: 'cancelled',
};

async function createClient(ctx: IExecuteFunctions, retryClock: Clock): Promise<ApiClient> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	const baseUrl = credentials.baseUrl ?? DEFAULT_BASE_URL;
	const problem = baseUrlProblem(baseUrl);
	if (problem) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The Base URL in the OdiRouter credential ${problem}. Allowed: an https:// or http:// URL such as ${DEFAULT_BASE_URL}`,
			{ description: 'Fix the Base URL in the credential; nothing was sent.' },
		);
	}
	const timeout = Number(ctx.getNodeParameter('options.requestTimeout', 0, 30));
	return {
		ctx,
		baseUrl: String(baseUrl),
		apiKey: String(credentials.apiKey ?? ''),
		timeoutMs: Number.isFinite(timeout) && timeout > 0 ? Math.min(timeout, 600) * 1000 : DEFAULT_TIMEOUT_MS,
		retryClock,
	};
}

function readConcurrency(ctx: IExecuteFunctions): number {
	const value = Number(ctx.getNodeParameter('options.maxConcurrency', 0, 5));
	return Number.isFinite(value) ? Math.min(50, Math.max(1, Math.floor(value))) : 5;
}

/** Runs the operation for every item, a bounded number at once, on `timing`; output keeps the input order. */
export async function router(this: IExecuteFunctions, timing: Timing): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = this.getNodeParameter('operation', 0) as OperationName;
	const execute = video.operations[operation]?.execute;
	if (!execute) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${String(operation)}" is not supported. Allowed: ${Object.keys(video.operations).join(', ')}`,
		);
	}
	const client = await createClient(this, timing.retries);
	const resumeScope = resumeScopeOf(this);
	const executionSignal = this.getExecutionCancelSignal();
	const batch = new AbortController();
	const signal = executionSignal ? AbortSignal.any([executionSignal, batch.signal]) : batch.signal;
	const results: INodeExecutionData[][] = new Array(items.length);
	const tasks = new Map<number, { requestId: string; state: TaskState }>();
	let firstFailure: { error: ReturnType<typeof asNodeError>; itemIndex: number } | null = null;

	await forEachConcurrently(
		items.length,
		readConcurrency(this),
		async (itemIndex) => {
			const run: ItemRun = {
				client,
				waitClock: timing.waits,
				signal,
				trackTask: (requestId, state) => tasks.set(itemIndex, { requestId, state }),
				resumeScope,
			};
			try {
				results[itemIndex] = await execute.call(this, itemIndex, run);
			} catch (caught) {
				const error = asNodeError(this.getNode(), caught, itemIndex, tasks.get(itemIndex)?.requestId);
				error.message = redact(error.message, client.apiKey);
				if (error.description) error.description = redact(error.description, client.apiKey);
				if (this.continueOnFail()) {
					const json: IDataObject = { error: error.message, request_id: requestIdOf(error) };
					if (error.description) json.description = error.description;
					const item: INodeExecutionData = { json, pairedItem: { item: itemIndex } };
					// n8n sends an item down the error output (On Error: Continue (using error output)) only when it carries the error.
					if (this.getNode().onError === 'continueErrorOutput') item.error = error;
					results[itemIndex] = [item];
					tasks.delete(itemIndex);
					return;
				}
				if (!firstFailure) {
					firstFailure = { error, itemIndex };
					tasks.delete(itemIndex);
					batch.abort();
				}
			}
		},
		() => firstFailure !== null || executionSignal?.aborted === true,
	);

	if (firstFailure) {
		const { error } = firstFailure as { error: ReturnType<typeof asNodeError> };
		if (tasks.size > 0) {
			const others = [...tasks.entries()]
				.sort(([a], [b]) => a - b)
				.map(([i, task]) => `item ${i}: ${task.requestId} (${TASK_STATE_WORDS[task.state]})`)
				.join(', ');
			error.description = `${error.description ?? ''} Tasks of other items in this run: ${others}.`.trim();
		}
		throw error;
	}
	return [results.flat()];
}
