import { sleep } from 'n8n-workflow';

import type { AttemptFailure, RequestKind } from './retry';
import { isRetryable, MAX_ATTEMPTS, retryDelayMs } from './retry';

/** One attempt's outcome: a value, or a failure with the error to give if nothing more is tried. */
export type Attempt<T> =
	| { ok: true; value: T }
	| { ok: false; failure: AttemptFailure; error: (attempts: number) => Error };

/**
 * Repeats `tryOnce` as the retry policy allows, waiting between attempts; stops at once when the
 * execution is cancelled. `tryOnce` catches its own errors and reports them as failures.
 */
export async function withRetries<T>(
	kind: RequestKind,
	signal: AbortSignal | undefined,
	tryOnce: () => Promise<Attempt<T>>,
): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		signal?.throwIfAborted();
		const outcome = await tryOnce();
		if (outcome.ok) return outcome.value;
		if (!isRetryable(kind, outcome.failure) || attempt >= MAX_ATTEMPTS) throw outcome.error(attempt);
		await sleep(retryDelayMs(attempt, outcome.failure), signal);
	}
}
