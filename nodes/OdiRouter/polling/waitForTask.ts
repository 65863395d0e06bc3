import type { Clock } from '../clock';
import { sleepInPauses } from '../clock';
import type { DurationObservation } from './durationEstimate';
import { pollPlanFor, rememberDuration } from './durationMemory';
import type { PollSettings } from './schedule';
import { MAX_INTERVAL_MS, nextPollDelayMs } from './schedule';
import type { TaskStatus, VideoResult } from '../transport/types';

export interface WaitOptions extends PollSettings {
	/** What the learned durations are kept under: the model and the settings that change the duration. */
	taskKind: string;
	maxWaitMs: number;
	/** Aborts when the execution is stopped or the batch stops: the wait ends at once. */
	signal: AbortSignal;
	/** One status request (the caller's transport retries it and honours `Retry-After`), within the time left. */
	fetchStatus: (limits: { timeLeftMs: number }) => Promise<TaskStatus>;
	clock: Clock;
	/** Called with each duration this wait teaches, after the process memory has it (the workflow's store). */
	onObservation?: (observation: DurationObservation) => void;
}

export type WaitOutcome = { finished: true; status: TaskStatus } | { finished: false; status: TaskStatus | null };

/** No single sleep is longer than this: a gap the plan leaves is slept in such pauses, each ending on time. */
export function longestPauseMs(settings: PollSettings): number {
	return Math.max(MAX_INTERVAL_MS, settings.minIntervalMs);
}

/**
 * Polls until the task is final or Max Wait passes, at the times the learned plan gives; a stop of
 * the execution ends it at once. What it saw is remembered for the plans of later waits.
 */
export async function waitForTask(options: WaitOptions): Promise<WaitOutcome> {
	const { clock, signal } = options;
	const settings: PollSettings = { targetDelayMs: options.targetDelayMs, minIntervalMs: options.minIntervalMs };
	const startedAt = clock.now();
	const deadline = startedAt + options.maxWaitMs;
	// The task's clock starts at submit, or again at the last poll that saw it queued (it cannot have
	// started running before that), so a queue wait does not blur what is learned about run times.
	let originAt = startedAt;
	let unfinishedAt = startedAt;
	let last: TaskStatus | null = null;
	let finished = false;
	// An injected clock may still jump: an age is never negative, a pause never longer than the cap.
	const ageAt = (at: number) => Math.max(0, at - originAt);
	const learn = (observation: DurationObservation) => {
		rememberDuration(options.taskKind, observation);
		options.onObservation?.(observation);
	};
	try {
		for (;;) {
			signal.throwIfAborted();
			const now = clock.now();
			if (now >= deadline) return { finished: false, status: last };
			const plan = pollPlanFor(options.taskKind, settings);
			const delay = nextPollDelayMs(plan, { ageMs: ageAt(now), queued: last?.status === 'queued', settings });
			await sleepInPauses(clock, Math.min(delay, deadline - now), longestPauseMs(settings), signal);
			signal.throwIfAborted();
			const askedAt = clock.now();
			const status = await options.fetchStatus({ timeLeftMs: deadline - clock.now() });
			if (status.done) {
				finished = true;
				// Only a completed task says how long tasks take: a failure or a cancel can come at any age.
				if (status.status === 'completed') learn({ afterMs: ageAt(unfinishedAt), byMs: Math.max(ageAt(clock.now()), ageAt(unfinishedAt)) });
				return { finished: true, status };
			}
			// The answer was given somewhere between asking and receiving: asking time is a safe lower bound.
			if (status.status === 'queued') originAt = askedAt;
			unfinishedAt = askedAt;
			last = status;
		}
	} finally {
		// Still running when the wait ended (timeout, stop, error): a right-censored observation.
		if (!finished && last !== null) learn({ afterMs: ageAt(unfinishedAt), byMs: Infinity });
	}
}

export type ResultAnswer = { ready: true; result: VideoResult } | { ready: false; status: TaskStatus };

const RESULT_ATTEMPTS = 5;
const RESULT_RETRY_MS = 1000;

/** The status can say COMPLETED a moment before the result endpoint has the video: ask a few times. */
export async function waitForResult(
	fetchResult: () => Promise<ResultAnswer>,
	signal: AbortSignal,
	clock: Clock,
): Promise<ResultAnswer> {
	for (let attempt = 1; ; attempt++) {
		const answer = await fetchResult();
		if (answer.ready || attempt >= RESULT_ATTEMPTS) return answer;
		await clock.sleep(RESULT_RETRY_MS, signal);
	}
}
