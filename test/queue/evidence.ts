import { parse } from 'flatted';
import type { IRunExecutionData } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { Daemon } from '../../scripts/n8n/daemon.mjs';
import type { QueueMode } from '../../scripts/n8n/queue.mjs';

/** One "OdiRouter task submitted" line of n8n's log (nodes/OdiRouter/transport/api.ts). */
export interface SubmitLine {
	requestId: string;
	executionId: string;
	node: string;
	item: number;
	process: string;
}

const SUBMIT_LINE = /OdiRouter task submitted: request_id (\S+), execution (\S+), node "([^"]+)", item (\d+)/g;

export function submitLines(daemon: Daemon): SubmitLine[] {
	return [...daemon.output().matchAll(SUBMIT_LINE)].map((match) => ({
		requestId: match[1],
		executionId: match[2],
		node: match[3],
		item: Number(match[4]),
		process: daemon.name,
	}));
}

/** The execution ids a worker says it started (n8n logs "Worker started execution N (job M)"). */
export function executionsStarted(worker: Daemon): string[] {
	return [...worker.output().matchAll(/Worker started execution (\d+)/g)].map((match) => match[1]);
}

/** Polls `check` until it returns a value other than undefined. */
export async function eventually<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined> | T | undefined): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}`);
		await sleep(250);
	}
}

/** The submit line for `requestId`, in whichever worker logged it. */
export function findSubmitLine(queue: QueueMode, requestId: string): SubmitLine | undefined {
	return queue.workers.flatMap(submitLines).find((line) => line.requestId === requestId);
}

export async function executionStatus(queue: QueueMode, executionId: string): Promise<string> {
	return (await queue.postgres.query(`SELECT status FROM execution_entity WHERE id = ${Number(executionId)}`)).trim();
}

/** n8n's record of an execution's run, from the database (stored in flatted JSON). */
export async function executionRun(queue: QueueMode, executionId: string): Promise<IRunExecutionData> {
	const text = await queue.postgres.query(`SELECT data FROM execution_data WHERE "executionId" = ${Number(executionId)}`);
	return parse(text.trim()) as IRunExecutionData;
}

/** Sizes of the binary files n8n stored in the database for an execution. */
export async function storedBinarySizes(queue: QueueMode, executionId: string): Promise<number[]> {
	const rows = await queue.postgres.query(`SELECT "fileSize" FROM binary_data WHERE "sourceType" = 'execution' AND "sourceId" = '${Number(executionId)}'`);
	return rows.split('\n').filter(Boolean).map(Number);
}
