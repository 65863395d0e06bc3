import { sleep } from 'n8n-workflow';

import { fetchStatus } from '../transport/api';
import type { ApiClient } from '../transport/request';
import { nextPollDelayMs } from './schedule';
import type { TaskStatus } from './types';

export interface WaitOptions {
	model: string;
	requestId: string;
	itemIndex: number;
	minIntervalMs: number;
	maxWaitMs: number;
	signal: AbortSignal;
}

export type WaitOutcome = { finished: true; status: TaskStatus } | { finished: false; status: TaskStatus | null };

/** Polls until the task is final or the wait limit passes; a stop of the execution ends it at once. */
export async function waitForTask(client: ApiClient, options: WaitOptions): Promise<WaitOutcome> {
	const startedAt = Date.now();
	const deadline = startedAt + options.maxWaitMs;
	let activeSince = startedAt;
	let last: TaskStatus | null = null;
	for (;;) {
		options.signal.throwIfAborted();
		const now = Date.now();
		if (now >= deadline) return { finished: false, status: last };
		const delay = nextPollDelayMs({
			activeForMs: now - activeSince,
			status: last?.status ?? 'running',
			minIntervalMs: options.minIntervalMs,
		});
		await sleep(Math.min(delay, deadline - now), options.signal);
		options.signal.throwIfAborted();
		const status = await fetchStatus(client, options.model, options.requestId, options.itemIndex);
		if (status.done) return { finished: true, status };
		// The clip's own clock starts when it leaves the queue.
		if (last?.status === 'queued' && status.status !== 'queued') activeSince = Date.now();
		last = status;
	}
}
