import { retryPause } from '../nodes/OdiRouter/transport/retry';

export interface RecordedPauses {
	/** Every pause the retry loop asked for, in ms, in the order asked. */
	pauses: number[];
	restore(): void;
}

/**
 * Runs the node's retry backoffs in virtual time: each pause is recorded and ends at once (a stop
 * still ends it). The HTTP stays real; test/reliability/retryAfter.test.ts keeps a real pause.
 */
export function recordRetryPauses(): RecordedPauses {
	const original = retryPause.sleep;
	const pauses: number[] = [];
	retryPause.sleep = async (ms, signal) => {
		signal?.throwIfAborted();
		pauses.push(ms);
	};
	return { pauses, restore: () => (retryPause.sleep = original) };
}
