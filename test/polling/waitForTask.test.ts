import { afterEach, describe, expect, it } from 'vitest';

import { forgetDurations, MIN_HISTORY, pollPlanFor, rememberDuration } from '../../nodes/OdiRouter/polling/durationMemory';
import { coldPlan } from '../../nodes/OdiRouter/polling/schedule';
import type { Clock } from '../../nodes/OdiRouter/clock';
import { longestPauseMs, waitForTask } from '../../nodes/OdiRouter/polling/waitForTask';
import { DEFAULT_SETTINGS, statusOf } from '../../harness/pollReplay';

afterEach(() => forgetDurations());

const HOUR_MS = 3_600_000;

/** A virtual clock that jumps by `jumpMs` right after the status request number `atRequest` is answered. */
function steppingClock(jumpMs: number, atRequest: number): Clock & { sleeps: number[]; request(): void } {
	let now = 0;
	let requests = 0;
	const sleeps: number[] = [];
	return {
		sleeps,
		now: () => now,
		sleep: async (ms) => {
			sleeps.push(ms);
			now += ms;
		},
		request() {
			requests += 1;
			if (requests === atRequest) now += jumpMs;
		},
	};
}

describe('waiting with a clock that steps (an injected clock)', () => {
	const kind = 'stepping';
	const settings = DEFAULT_SETTINGS;

	it.each([
		['back an hour, cold plan', -HOUR_MS, false],
		['back an hour, learned plan', -HOUR_MS, true],
		['forward 10 minutes, learned plan', 600_000, true],
	])('%s: no pause over max(30 s, Poll Interval), ages never negative, the task is still seen finishing', async (_name, jumpMs, learned) => {
		if (learned) for (let n = 0; n < MIN_HISTORY; n++) rememberDuration(kind, { afterMs: 40_000, byMs: 44_000 });
		if (learned) expect(pollPlanFor(kind, settings)).not.toEqual(coldPlan());
		const clock = steppingClock(jumpMs, 2);
		let requests = 0;
		const outcome = await waitForTask({
			...settings,
			taskKind: kind,
			maxWaitMs: 2 * HOUR_MS,
			signal: new AbortController().signal,
			clock,
			fetchStatus: async () => {
				requests += 1;
				clock.request();
				return statusOf(requests >= 5);
			},
		});
		expect(outcome.finished).toBe(true);
		expect(Math.max(...clock.sleeps)).toBeLessThanOrEqual(longestPauseMs(settings));
		expect(clock.sleeps.every((ms) => ms >= 0)).toBe(true);
	});

	it.each([
		[{ targetDelayMs: 2000, minIntervalMs: 1000 }, 30_000],
		[{ targetDelayMs: 60_000, minIntervalMs: 1000 }, 30_000],
		[{ targetDelayMs: 2000, minIntervalMs: 45_000 }, 45_000],
	])('the longest pause for %j is %s ms', (pollSettings, expected) => {
		expect(longestPauseMs(pollSettings)).toBe(expected);
	});

	it('a queued task with a long Target Notice Delay is still asked at least every 30 s', async () => {
		const clock = steppingClock(0, 0);
		const answers = [statusOf(false, 'queued'), statusOf(false, 'queued'), statusOf(true)];
		await waitForTask({
			targetDelayMs: 60_000,
			minIntervalMs: 1000,
			taskKind: kind,
			maxWaitMs: HOUR_MS,
			signal: new AbortController().signal,
			clock,
			fetchStatus: async () => answers.shift()!,
		});
		expect(clock.sleeps).toEqual([30_000, 30_000, 30_000]);
	});
});
