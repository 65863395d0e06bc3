import type { Clock } from '../clock';

/** Which calls may be repeated: a submit creates a billed task, everything else only reads or cancels. */
export type RetryRule = 'submit' | 'idempotent';

/** How a failed attempt ended, as far as the retry decision needs to know. */
export type AttemptFailure =
	| { type: 'status'; statusCode: number; retryAfterMs: number | null }
	| { type: 'network'; reachedServer: boolean }
	| { type: 'unreadable' }
	/** Nothing a repeat could fix (n8n could not store the video). */
	| { type: 'final' };

/** One attempt's outcome: a value, or a failure with the error to give if nothing more is tried. */
export type Attempt<T> =
	| { ok: true; value: T }
	| { ok: false; failure: AttemptFailure; error: (attempts: number) => Error };

export const MAX_ATTEMPTS = 4;
export const BASE_BACKOFF_MS = 1000;
export const MAX_BACKOFF_MS = 30_000;
export const MAX_RETRY_AFTER_MS = 120_000;

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);

export interface RetryLimits {
	/** The shortest pause between two attempts (Submit and Wait's Poll Interval). */
	minPauseMs?: number;
	/** The clock's time after which no attempt starts and no pause ends (Submit and Wait's Max Wait). */
	deadline?: number;
}

/**
 * A submit is repeated only when the task certainly was not created: a 429 (the gateway refused it)
 * or a connection that never reached the server. Anything else may have created a billed task.
 */
export function isRetryable(rule: RetryRule, failure: AttemptFailure): boolean {
	if (failure.type === 'status') {
		return rule === 'submit' ? failure.statusCode === 429 : RETRYABLE_STATUS.has(failure.statusCode);
	}
	if (failure.type === 'network') return rule === 'idempotent' || !failure.reachedServer;
	if (failure.type === 'final') return false;
	return rule === 'idempotent';
}

/** `Retry-After` as milliseconds: delta seconds or an HTTP date, capped; `null` when absent or unreadable. */
export function parseRetryAfter(header: unknown, nowMs: number): number | null {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' && typeof value !== 'number') return null;
	const text = String(value).trim();
	if (text === '') return null;
	const seconds = Number(text);
	const delayMs = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(text) - nowMs;
	if (!Number.isFinite(delayMs)) return null;
	return Math.min(Math.max(delayMs, 0), MAX_RETRY_AFTER_MS);
}

/** Exponential backoff with jitter (half fixed, half random), or the server's `Retry-After` when given. */
export function retryDelayMs(attempt: number, failure: AttemptFailure, random: () => number = Math.random): number {
	if (failure.type === 'status' && failure.retryAfterMs !== null) return failure.retryAfterMs;
	const ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Repeats `tryOnce` as the retry policy allows, pausing on `clock` between attempts, never less than
 * `limits.minPauseMs`; no pause runs past `limits.deadline` (the last failure is given instead);
 * stops at once when the execution is cancelled. `tryOnce` gets the time left to the deadline
 * (`null`: none) and catches its own errors, reporting them as failures.
 */
export async function withRetries<T>(
	rule: RetryRule,
	signal: AbortSignal | undefined,
	tryOnce: (timeLeftMs: number | null) => Promise<Attempt<T>>,
	clock: Clock,
	limits: RetryLimits = {},
): Promise<T> {
	const { deadline } = limits;
	for (let attempt = 1; ; attempt++) {
		signal?.throwIfAborted();
		const outcome = await tryOnce(deadline === undefined ? null : deadline - clock.now());
		if (outcome.ok) return outcome.value;
		if (!isRetryable(rule, outcome.failure) || attempt >= MAX_ATTEMPTS) throw outcome.error(attempt);
		const pauseMs = Math.max(retryDelayMs(attempt, outcome.failure), limits.minPauseMs ?? 0);
		if (deadline !== undefined && clock.now() + pauseMs >= deadline) throw outcome.error(attempt);
		await clock.sleep(pauseMs, signal);
	}
}
