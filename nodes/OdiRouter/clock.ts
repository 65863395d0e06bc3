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
