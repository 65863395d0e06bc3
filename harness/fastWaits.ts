import type { Clock, Timing } from '../nodes/OdiRouter/clock';
import { systemClock } from '../nodes/OdiRouter/clock';

/**
 * A clock `factor` times faster than real time: its sleeps are that much shorter and its `now` moves
 * that much faster, so Submit and Wait's polling plan, Max Wait and what is learned keep their
 * proportions. A simulator task must then last `factor` times less real time too.
 */
export function fastClock(factor: number): Clock {
	const startedAt = systemClock.now();
	return {
		now: () => startedAt + (systemClock.now() - startedAt) * factor,
		sleep: async (ms, signal) => await systemClock.sleep(ms / factor, signal),
	};
}

/** The node's timing with its waits `factor` times faster; the retry loop on `retries` (real time unless given). */
export function fastTiming(factor: number, retries: Clock = systemClock): Timing {
	return { waits: fastClock(factor), retries };
}
