import type { Clock } from '../nodes/OdiRouter/clock';
import { systemClock } from '../nodes/OdiRouter/clock';

export interface RecordedPauses {
	/** Every pause the retry loop asked for, in ms, in the order asked. */
	pauses: number[];
	/** The retry loop's clock: real monotonic time, pauses recorded and ended at once (a stop still ends them). */
	clock: Clock;
}

/**
 * Retry backoffs in virtual time, for the node's `Timing.retries` or `withRetries` itself. The HTTP
 * stays real; test/node/reliability/retryAfter.test.ts keeps a real pause.
 */
export function recordedRetryPauses(): RecordedPauses {
	const pauses: number[] = [];
	const clock: Clock = {
		now: () => systemClock.now(),
		sleep: async (ms, signal) => {
			signal?.throwIfAborted();
			pauses.push(ms);
		},
	};
	return { pauses, clock };
}
