import { sleep } from 'n8n-workflow';

/** Time for the node's waits and retry pauses: passed in, so tests and the benchmark can pass a virtual one. */
export interface Clock {
	/** Milliseconds on a clock that only moves forward (not the wall clock, which NTP or a resumed VM can step). */
	now(): number;
	/** Resolves after `ms`, rejects at once when `signal` aborts. */
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
	now: () => performance.now(),
	sleep: async (ms, signal) => await sleep(ms, signal),
};

/** The node's time, one clock per concern. */
export interface Timing {
	/** Submit and Wait's polling, and the task ages the learned durations are measured on. */
	waits: Clock;
	/** The retry loop's deadline and its pauses between attempts. */
	retries: Clock;
}

export const systemTiming: Timing = { waits: systemClock, retries: systemClock };

/**
 * Sleeps `totalMs` in pauses of at most `longestMs`, counted by the pauses themselves, not by the
 * clock: a plan may leave a long gap where no task ends, and a clock that jumps during it neither
 * ends the gap early nor stretches it.
 */
export async function sleepInPauses(clock: Clock, totalMs: number, longestMs: number, signal: AbortSignal): Promise<void> {
	for (let left = Math.max(0, totalMs); left > 0; ) {
		const pause = Math.min(left, longestMs);
		await clock.sleep(pause, signal);
		left -= pause;
	}
}
