import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Clock, Timing } from '../clock';
import { readOperation } from '../parameters/operationField';
import { readOptions } from '../parameters/options';
import { asNodeError, configurationError, redact, requestIdOf } from '../transport/errors';
import type { ApiClient } from '../transport/request';
import { CREDENTIAL_TYPE } from '../transport/request';
import { baseUrlProblem, DEFAULT_BASE_URL } from '../transport/urls';
import { forEachConcurrently } from './concurrency';
import type { ItemRun, TaskState } from './itemRun';
import * as video from './video';
import { resumeScopeOf } from './video/submitOrResume';

type NodeError = ReturnType<typeof asNodeError>;

const TASK_STATE_WORDS: Record<TaskState, string> = {
	running: 'may still be running',
	finished: 'finished: fetch its video with Get Result',
	cancelled: 'cancelled',
};

async function createClient(ctx: IExecuteFunctions, timeoutMs: number, retryClock: Clock): Promise<ApiClient> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	const baseUrl = credentials.baseUrl ?? DEFAULT_BASE_URL;
	const problem = baseUrlProblem(baseUrl);
	if (problem) {
		throw configurationError(
			ctx.getNode(),
			`The Base URL in the OdiRouter credential ${problem}. Allowed: an https:// or http:// URL such as ${DEFAULT_BASE_URL}`,
			'Fix the Base URL in the credential; nothing was sent.',
		);
	}
	return { ctx, baseUrl: String(baseUrl), apiKey: String(credentials.apiKey ?? ''), timeoutMs, retryClock };
}

function operationFor(ctx: IExecuteFunctions) {
	const operation = readOperation(ctx);
	const known = video.operations[operation as keyof typeof video.operations];
	if (!known) {
		throw configurationError(
			ctx.getNode(),
			`The operation "${operation}" is not supported. Allowed: ${Object.keys(video.operations).join(', ')}`,
		);
	}
	return known.execute;
}

/** The item a failed item becomes with Continue On Fail: the error's words and the task's request ID. */
function failedItem(ctx: IExecuteFunctions, error: NodeError, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message, request_id: requestIdOf(error) };
	if (error.description) json.description = error.description;
	const item: INodeExecutionData = { json, pairedItem: { item: itemIndex } };
	// n8n sends an item down the error output (On Error: Continue (using error output)) only when it carries the error.
	if (ctx.getNode().onError === 'continueErrorOutput') item.error = error;
	return item;
}

/** The batch stopped on this error: it also names the tasks other items had started, so none is lost. */
function withOtherTasks(error: NodeError, tasks: Map<number, { requestId: string; state: TaskState }>): NodeError {
	if (tasks.size === 0) return error;
	const others = [...tasks.entries()]
		.sort(([a], [b]) => a - b)
		.map(([i, task]) => `item ${i}: ${task.requestId} (${TASK_STATE_WORDS[task.state]})`)
		.join(', ');
	error.description = `${error.description ?? ''} Tasks of other items in this run: ${others}.`.trim();
	return error;
}

/** Runs the operation for every item, a bounded number at once, on `timing`; output keeps the input order. */
export async function router(this: IExecuteFunctions, timing: Timing): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const execute = operationFor(this);
	const options = readOptions(this, 0);
	const client = await createClient(this, options.requestTimeoutMs, timing.retries);
	const resumeScope = resumeScopeOf(this);
	const executionSignal = this.getExecutionCancelSignal();
	const batch = new AbortController();
	const signal = executionSignal ? AbortSignal.any([executionSignal, batch.signal]) : batch.signal;
	const results: INodeExecutionData[][] = new Array(items.length);
	const tasks = new Map<number, { requestId: string; state: TaskState }>();
	let firstFailure: NodeError | null = null;

	const runItem = async (itemIndex: number) => {
		const run: ItemRun = {
			client,
			waitClock: timing.waits,
			signal,
			resumeScope,
			trackTask: (requestId, state) => tasks.set(itemIndex, { requestId, state }),
		};
		try {
			results[itemIndex] = await execute.call(this, itemIndex, run);
		} catch (caught) {
			const error = asNodeError(this.getNode(), caught, itemIndex, tasks.get(itemIndex)?.requestId);
			error.message = redact(error.message, client.apiKey);
			if (error.description) error.description = redact(error.description, client.apiKey);
			// Items stopped by this failure keep their tasks listed: the error names them.
			if (this.continueOnFail()) {
				results[itemIndex] = [failedItem(this, error, itemIndex)];
				tasks.delete(itemIndex);
			} else if (!firstFailure) {
				firstFailure = error;
				tasks.delete(itemIndex);
				batch.abort();
			}
		}
	};
	await forEachConcurrently(items.length, options.maxConcurrency, runItem, () => firstFailure !== null || executionSignal?.aborted === true);

	if (firstFailure) throw withOtherTasks(firstFailure, tasks);
	return [results.flat()];
}
