import { sleep } from 'n8n-workflow';

import { pollPlanFor, rememberDuration } from './durationMemory';
import type { PollSettings } from './schedule';
import { nextPollDelayMs } from './schedule';
import type { TaskStatus, VideoResult } from './types';

/** Time for the waits; tests and the benchmark's replay pass a virtual one. */
export interface WaitClock {
	now(): number;
	/** Resolves after `ms`, rejects at once when `signal` aborts. */
	sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const systemClock: WaitClock = {
	now: () => Date.now(),
	sleep: async (ms, signal) => await sleep(ms, signal),
};

export interface WaitOptions extends PollSettings {
	/** What the learned durations are kept under: the model and the settings that change the duration. */
	taskKind: string;
	maxWaitMs: number;
	/** Aborts when the execution is stopped or the batch stops: the wait ends at once. */
	signal: AbortSignal;
	/** One status request (the caller's transport retries it and honours `Retry-After`), within the time left. */
	fetchStatus: (limits: { timeLeftMs: number }) => Promise<TaskStatus>;
	clock?: WaitClock;
}

export type WaitOutcome = { finished: true; status: TaskStatus } | { finished: false; status: TaskStatus | null };

/** The memory key: duration-changing settings the API defaults are spelled out, so both spellings share it. */
export function taskKindOf(model: string, settings: { resolution?: string; duration?: number }): string {
	return `${model} ${settings.resolution ?? '768P'} ${settings.duration ?? 6}s`;
}

/**
 * Polls until the task is final or Max Wait passes, at the times the learned plan gives; a stop of
 * the execution ends it at once. What it saw is remembered for the plans of later waits.
 */
export async function waitForTask(options: WaitOptions): Promise<WaitOutcome> {
	const clock = options.clock ?? systemClock;
	const { signal } = options;
	const settings: PollSettings = { targetDelayMs: options.targetDelayMs, minIntervalMs: options.minIntervalMs };
	const startedAt = clock.now();
	const deadline = startedAt + options.maxWaitMs;
	// The task's clock starts at submit, or again at the last poll that saw it queued (it cannot have
	// started running before that), so a queue wait does not blur what is learned about run times.
	let originAt = startedAt;
	let unfinishedAt = startedAt;
	let last: TaskStatus | null = null;
	let finished = false;
	try {
		for (;;) {
			signal.throwIfAborted();
			const now = clock.now();
			if (now >= deadline) return { finished: false, status: last };
			const plan = pollPlanFor(options.taskKind, settings);
			const delay = nextPollDelayMs(plan, { ageMs: now - originAt, queued: last?.status === 'queued', settings });
			await clock.sleep(Math.min(delay, deadline - now), signal);
			signal.throwIfAborted();
			const askedAt = clock.now();
			const status = await options.fetchStatus({ timeLeftMs: deadline - clock.now() });
			if (status.done) {
				finished = true;
				rememberDuration(options.taskKind, { afterMs: unfinishedAt - originAt, byMs: clock.now() - originAt });
				return { finished: true, status };
			}
			// The answer was given somewhere between asking and receiving: asking time is a safe lower bound.
			if (status.status === 'queued') originAt = askedAt;
			unfinishedAt = askedAt;
			last = status;
		}
	} finally {
		// Still running when the wait ended (timeout, stop, error): a right-censored observation.
		if (!finished && last !== null) {
			rememberDuration(options.taskKind, { afterMs: unfinishedAt - originAt, byMs: Infinity });
		}
	}
}

export type ResultAnswer = { ready: true; result: VideoResult } | { ready: false; status: TaskStatus };

const RESULT_ATTEMPTS = 5;
const RESULT_RETRY_MS = 1000;

/** The status can say COMPLETED a moment before the result endpoint has the video: ask a few times. */
export async function waitForResult(
	fetchResult: () => Promise<ResultAnswer>,
	signal: AbortSignal,
	clock: WaitClock = systemClock,
): Promise<ResultAnswer> {
	for (let attempt = 1; ; attempt++) {
		const answer = await fetchResult();
		if (answer.ready || attempt >= RESULT_ATTEMPTS) return answer;
		await clock.sleep(RESULT_RETRY_MS, signal);
	}
}
