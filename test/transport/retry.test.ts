import { describe, expect, it } from 'vitest';

import type { Clock } from '../../nodes/OdiRouter/clock';
import { systemClock } from '../../nodes/OdiRouter/clock';
import type { Attempt, AttemptFailure, RetryRule, RetryLimits } from '../../nodes/OdiRouter/transport/retry';
import { isRetryable, MAX_RETRY_AFTER_MS, parseRetryAfter, retryDelayMs, withRetries } from '../../nodes/OdiRouter/transport/retry';
import { recordedRetryPauses } from '../../harness/retryPauses';

const status = (statusCode: number, retryAfterMs: number | null = null): AttemptFailure => ({ type: 'status', statusCode, retryAfterMs });
const network = (reachedServer: boolean): AttemptFailure => ({ type: 'network', reachedServer });
const unreadable: AttemptFailure = { type: 'unreadable' };

describe('which failures are tried again', () => {
	it.each<[string, RetryRule, AttemptFailure, boolean]>([
		['read, 408', 'idempotent', status(408), true],
		['read, 429', 'idempotent', status(429), true],
		['read, 500', 'idempotent', status(500), true],
		['read, 502', 'idempotent', status(502), true],
		['read, 503', 'idempotent', status(503), true],
		['read, 504', 'idempotent', status(504), true],
		['read, 400', 'idempotent', status(400), false],
		['read, 401', 'idempotent', status(401), false],
		['read, 404', 'idempotent', status(404), false],
		['read, 501', 'idempotent', status(501), false],
		['read, reset connection', 'idempotent', network(true), true],
		['read, refused connection', 'idempotent', network(false), true],
		['read, unreadable body', 'idempotent', unreadable, true],
		['submit, 429 (the gateway refused it)', 'submit', status(429), true],
		['submit, 408', 'submit', status(408), false],
		['submit, 500', 'submit', status(500), false],
		['submit, 503', 'submit', status(503), false],
		['submit, refused connection (never reached)', 'submit', network(false), true],
		['submit, reset connection (may have arrived)', 'submit', network(true), false],
		['submit, unreadable body', 'submit', unreadable, false],
	])('%s → %s', (_name, kind, failure, expected) => {
		expect(isRetryable(kind, failure)).toBe(expected);
	});
});

describe('Retry-After', () => {
	const now = Date.parse('2026-01-01T00:00:00Z');
	it.each<[unknown, number | null]>([
		['2', 2000],
		['0.5', 500],
		[3, 3000],
		[' 4 ', 4000],
		['0', 0],
		['-5', 0],
		['100000', MAX_RETRY_AFTER_MS],
		['Thu, 01 Jan 2026 00:00:10 GMT', 10_000],
		['Wed, 31 Dec 2025 23:59:00 GMT', 0],
		[['7', '9'], 7000],
		['soon', null],
		['', null],
		[undefined, null],
		[null, null],
		[{ seconds: 2 }, null],
	])('%j → %j ms', (header, expected) => {
		expect(parseRetryAfter(header, now)).toBe(expected);
	});
});

describe('how long to wait before the next attempt', () => {
	it.each<[number, AttemptFailure, number, number]>([
		[1, status(500), 0, 500],
		[1, status(500), 1, 1000],
		[2, status(500), 0, 1000],
		[3, network(true), 0.5, 3000],
		[6, status(503), 0, 15_000],
		[10, status(503), 1, 30_000],
		[1, status(429, 2500), 0, 2500],
		[3, status(429, 0), 1, 0],
		[1, unreadable, 0.5, 750],
	])('attempt %i after %j, random %d → %i ms', (attempt, failure, random, expected) => {
		expect(retryDelayMs(attempt, failure, () => random)).toBe(expected);
	});
});

describe('the retry loop', () => {
	/** Answers in order: a status code fails, 'ok' succeeds; counts the attempts. */
	function script(...answers: Array<number | 'ok'>) {
		let calls = 0;
		const tryOnce = async (): Promise<Attempt<string>> => {
			const answer = answers[Math.min(calls, answers.length - 1)];
			calls += 1;
			if (answer === 'ok') return { ok: true, value: `ok after ${calls}` };
			return { ok: false, failure: status(answer), error: (attempts) => new Error(`${answer} after ${attempts}`) };
		};
		return { tryOnce, calls: () => calls };
	}

	it.each<[string, RetryRule, Array<number | 'ok'>, string, number]>([
		['succeeds at once', 'idempotent', ['ok'], 'ok after 1', 0],
		['succeeds on the third attempt', 'idempotent', [503, 500, 'ok'], 'ok after 3', 2],
		['gives up after four attempts', 'idempotent', [500], 'error: 500 after 4', 3],
		['does not repeat a 404', 'idempotent', [404, 'ok'], 'error: 404 after 1', 0],
		['repeats a submit refused with 429', 'submit', [429, 'ok'], 'ok after 2', 1],
		['does not repeat a submit that got a 500', 'submit', [500, 'ok'], 'error: 500 after 1', 0],
	])('%s', async (_name, kind, answers, expected, pauses) => {
		const recorded = recordedRetryPauses();
		const { tryOnce } = script(...answers);
		const outcome = await withRetries(kind, undefined, tryOnce, recorded.clock).catch((error: Error) => `error: ${error.message}`);
		expect(outcome).toBe(expected);
		expect(recorded.pauses).toHaveLength(pauses);
	});

	it('pauses with growing backoff between attempts', async () => {
		const recorded = recordedRetryPauses();
		await withRetries('idempotent', undefined, script(500).tryOnce, recorded.clock).catch(() => undefined);
		const [first, second, third] = recorded.pauses;
		expect(first).toBeGreaterThanOrEqual(500);
		expect(first).toBeLessThanOrEqual(1000);
		expect(second).toBeGreaterThanOrEqual(1000);
		expect(second).toBeLessThanOrEqual(2000);
		expect(third).toBeGreaterThanOrEqual(2000);
		expect(third).toBeLessThanOrEqual(4000);
	});

	it('stops at once, without another attempt, when the execution is cancelled', async () => {
		const abort = new AbortController();
		const { tryOnce, calls } = script(500);
		const running = withRetries('idempotent', abort.signal, tryOnce, systemClock);
		abort.abort();
		await expect(running).rejects.toThrow();
		expect(calls()).toBe(1);
	});
});

describe('the retry loop within Poll Interval and Max Wait (a virtual monotonic clock)', () => {
	/** A clock whose sleeps move its time on at once; records each pause and the time left each attempt got. */
	function virtualClock() {
		const clock = { at: 0, pauses: [] as number[] };
		const retryClock: Clock = {
			now: () => clock.at,
			sleep: async (ms) => {
				clock.pauses.push(ms);
				clock.at += ms;
			},
		};
		return { clock, retryClock };
	}

	/** Fails with `failure` every time (or `okAfter` attempts), each attempt taking `attemptMs`; records the time left it was given. */
	function failing(clock: { at: number }, failure: AttemptFailure, attemptMs: number, okAfter = Infinity) {
		const timeLeft: Array<number | null> = [];
		const tryOnce = async (left: number | null): Promise<Attempt<string>> => {
			timeLeft.push(left);
			clock.at += attemptMs;
			if (timeLeft.length > okAfter) return { ok: true, value: 'ok' };
			return { ok: false, failure, error: (attempts) => new Error(`failed after ${attempts}`) };
		};
		return { tryOnce, timeLeft };
	}

	it.each<[string, AttemptFailure, RetryLimits, number, number[], Array<number | null>, string]>([
		['Poll Interval 10 s is the floor of every pause', status(500), { minPauseMs: 10_000 }, 0, [10_000, 10_000, 10_000], [null, null, null, null], 'failed after 4'],
		['a longer Retry-After still wins over the floor', status(429, 15_000), { minPauseMs: 10_000 }, 0, [15_000, 15_000, 15_000], [null, null, null, null], 'failed after 4'],
		['Max Wait: no pause runs past the deadline', status(500), { minPauseMs: 10_000, deadline: 25_000 }, 0, [10_000, 10_000], [25_000, 15_000, 5_000], 'failed after 3'],
		['Max Wait: slow attempts count against the deadline', network(true), { minPauseMs: 1_000, deadline: 12_000 }, 5_000, [1_000], [12_000, 6_000], 'failed after 2'],
		['a call started at the deadline gets one attempt', status(503), { minPauseMs: 1_000, deadline: 0 }, 0, [], [0], 'failed after 1'],
	])('%s', async (_name, failure, limits, attemptMs, pauses, timeLeft, outcome) => {
		const { clock, retryClock } = virtualClock();
		const attempts = failing(clock, failure, attemptMs);
		const result = await withRetries('idempotent', undefined, attempts.tryOnce, retryClock, limits).catch((error: Error) => error.message);
		expect(result).toBe(outcome);
		expect(clock.pauses).toEqual(pauses);
		expect(attempts.timeLeft).toEqual(timeLeft);
		if (limits.deadline !== undefined) expect(clock.at).toBeLessThanOrEqual(limits.deadline + attemptMs);
	});

	it('a success within the limits is returned', async () => {
		const { clock, retryClock } = virtualClock();
		const attempts = failing(clock, status(500), 100, 1);
		expect(await withRetries('idempotent', undefined, attempts.tryOnce, retryClock, { minPauseMs: 2_000, deadline: 60_000 })).toBe('ok');
		expect(clock.pauses).toEqual([2_000]);
	});
});
