import { afterEach, describe, expect, it } from 'vitest';

import type { DurationObservation } from '../../nodes/OdiRouter/polling/durationEstimate';
import { estimateDurations, widenedEstimate } from '../../nodes/OdiRouter/polling/durationEstimate';
import { forgetDurations, MIN_HISTORY, pollPlanFor, rememberDuration } from '../../nodes/OdiRouter/polling/durationMemory';
import { shapeOf } from '../../nodes/OdiRouter/polling/durationShape';
import type { PollPlan } from '../../nodes/OdiRouter/polling/schedule';
import { coldPlan, learnedPlan, MAX_INTERVAL_MS, nextPollDelayMs } from '../../nodes/OdiRouter/polling/schedule';
import { taskKindOf } from '../../nodes/OdiRouter/polling/taskKind';
import { waitForResult, waitForTask } from '../../nodes/OdiRouter/polling/waitForTask';
import type { DurationSource } from '../../harness/pollReplay';
import {
	coldRuns,
	DEFAULT_SETTINGS,
	figuresOfRuns,
	lognormalMs,
	polledEvery,
	replayTask,
	seededRandom,
	statusOf,
	uniformMs,
	virtualClock,
	warmRuns,
	WORKLOADS,
} from '../../harness/pollReplay';

afterEach(() => forgetDurations());

function draw(source: DurationSource, count: number): number[] {
	return Array.from({ length: count }, source);
}

/** The age by which `share` of the estimated tasks have ended. */
function quantileS(observations: DurationObservation[], share: number): number {
	const { edgesMs, mass } = estimateDurations(observations);
	let ended = 0;
	for (let bin = 0; bin < mass.length; bin++) {
		ended += mass[bin];
		if (ended >= share) return edgesMs[bin + 1] / 1000;
	}
	return Infinity;
}

/** The plan the memory makes: estimate → widened for the tasks it rests on → shape → plan. */
function planFrom(observations: DurationObservation[], settings = DEFAULT_SETTINGS): PollPlan {
	return learnedPlan(shapeOf(widenedEstimate(estimateDurations(observations), observations.length)), settings, observations.length);
}

function delays(plan: PollPlan, ages: number[], settings = DEFAULT_SETTINGS, queued = false) {
	return ages.map((ageMs) => nextPollDelayMs(plan, { ageMs, queued, settings }));
}

describe('duration estimate from interval-censored polls', () => {
	const uniform = draw(uniformMs(seededRandom(1), 20, 90), 400);
	const cases: Array<[name: string, observations: DurationObservation[], share: number, expectedS: number, toleranceS: number]> = [
		// Taking "the poll that saw it" as the end would put the median near 60 s: 5 s too late.
		['uniform 20-90 s polled every 10 s: median', polledEvery(10_000, uniform), 0.5, 55, 2.5],
		['uniform 20-90 s polled every 10 s: 10th percentile', polledEvery(10_000, uniform), 0.1, 27, 3],
		['all tasks identical (60 s, seen between 59 and 61 s): median', Array(50).fill({ afterMs: 59_000, byMs: 61_000 }), 0.5, 60, 1.5],
		['all tasks identical: 1st percentile', Array(50).fill({ afterMs: 59_000, byMs: 61_000 }), 0.01, 58, 1.5],
		['heavy tail (lognormal median 45 s, sigma 1) polled every 4 s: median', polledEvery(4000, draw(lognormalMs(seededRandom(2), 45, 1), 400)), 0.5, 45, 6],
		['heavy tail: 95th percentile', polledEvery(4000, draw(lognormalMs(seededRandom(2), 45, 1), 400)), 0.95, 45 * Math.exp(1.645), 60],
	];
	it.each(cases)('%s', (_name, observations, share, expectedS, toleranceS) => {
		expect(Math.abs(quantileS(observations, share) - expectedS)).toBeLessThanOrEqual(toleranceS);
	});

	it('no history: no mass anywhere', () => {
		const estimate = estimateDurations([]);
		expect(estimate.mass.every((m) => m === 0)).toBe(true);
		expect(estimate.tailMass).toBe(0);
	});

	it('tasks still running when the wait ended count as "longer than", not as finished', () => {
		const observations = [...Array(30).fill({ afterMs: 10_000, byMs: 12_000 }), ...Array(10).fill({ afterMs: 600_000, byMs: Infinity })];
		expect(quantileS(observations, 0.5)).toBeLessThan(15);
		expect(quantileS(observations, 0.8)).toBeGreaterThan(599);
	});
});

describe('poll plan', () => {
	const settings = DEFAULT_SETTINGS;
	const learned = (observations: DurationObservation[]) => planFrom(observations, settings);

	it.each([
		// [target s, Poll Interval s, interval s]
		[2, 1, 4],
		[2, 5, 5],
		[0.5, 1, 1],
		[10, 1, 20],
	])('no history: a fixed interval with the target as mean delay (target %s s, Poll Interval %s s → every %s s)', (target, floor, every) => {
		const custom = { targetDelayMs: target * 1000, minIntervalMs: floor * 1000 };
		// Tasks of 60-240 s or longer too: a growing interval would be worse than this one at the same mean delay.
		expect(new Set(delays(coldPlan(), [0, 3000, 41_000, 170_000, 240_000, 900_000, 1_700_000], custom))).toEqual(new Set([every * 1000]));
	});

	it('all tasks identical (60 s): a few requests per task instead of the 15 of a fixed 4 s interval', async () => {
		const plan = learned(Array(50).fill({ afterMs: 59_000, byMs: 61_000 }));
		expect(plan.pollAtMs.filter((at) => at < 57_000).length).toBeLessThanOrEqual(2);
		const warm = figuresOfRuns(await warmRuns(() => 60_000, 50, 30));
		expect(warm.requestsPerTask).toBeLessThanOrEqual(4);
		expect(warm.meanDelayS).toBeLessThanOrEqual(2.5);
	});

	it('heavy tail: gaps grow past the bulk, and the overdue interval grows to the cap', () => {
		const plan = learned(polledEvery(2000, draw(lognormalMs(seededRandom(3), 45, 1), 300)));
		const gap = (from: number) => {
			const next = plan.pollAtMs.findIndex((at) => at > from);
			return plan.pollAtMs[next + 1] - plan.pollAtMs[next];
		};
		expect(gap(200_000)).toBeGreaterThan(gap(40_000));
		expect(delays(plan, [plan.overdueFromMs + 1000, plan.overdueFromMs + 3_600_000])).toEqual([
			Math.round(4000 + 100),
			MAX_INTERVAL_MS,
		]);
	});

	it.each([
		['cold', coldPlan()],
		['learned', planFrom(polledEvery(4000, draw(uniformMs(seededRandom(4), 20, 90), 200)))],
	])('%s: never faster than the Poll Interval, a queued task every 2 × target', (_name, plan) => {
		const floor = { targetDelayMs: 2000, minIntervalMs: 5000 };
		const ages = Array.from({ length: 600 }, (_, n) => n * 997);
		expect(Math.min(...delays(plan, ages, floor))).toBeGreaterThanOrEqual(5000);
		expect(Math.max(...delays(plan, ages))).toBeLessThanOrEqual(MAX_INTERVAL_MS);
		expect(new Set(delays(plan, [0, 30_000, 80_000], DEFAULT_SETTINGS, true))).toEqual(new Set([4000]));
	});
});

describe('process memory of durations', () => {
	it('stays cold below the minimum history, then plans from it, per kind of task', () => {
		const kind = taskKindOf('model_a', {});
		for (let n = 0; n < MIN_HISTORY - 1; n++) rememberDuration(kind, { afterMs: 60_000, byMs: 62_000 });
		expect(pollPlanFor(kind, DEFAULT_SETTINGS)).toEqual(coldPlan());
		rememberDuration(kind, { afterMs: 60_000, byMs: 62_000 });
		expect(pollPlanFor(kind, DEFAULT_SETTINGS).pollAtMs.length).toBeGreaterThan(0);
		expect(pollPlanFor(taskKindOf('model_a', { resolution: '1080P' }), DEFAULT_SETTINGS)).toEqual(coldPlan());
		expect(taskKindOf('model_a', {})).toBe(taskKindOf('model_a', { resolution: '768P', duration: 6 }));
	});

	it('keeps a bounded number of kinds: the least recently used is forgotten', () => {
		for (let kind = 0; kind < 40; kind++) {
			for (let n = 0; n < MIN_HISTORY; n++) rememberDuration(`kind ${kind}`, { afterMs: 30_000, byMs: 32_000 });
		}
		expect(pollPlanFor('kind 0', DEFAULT_SETTINGS)).toEqual(coldPlan());
		expect(pollPlanFor('kind 39', DEFAULT_SETTINGS)).not.toEqual(coldPlan());
	});
});

describe('waiting on a task (virtual time)', () => {
	const base = { ...DEFAULT_SETTINGS, taskKind: 'test', maxWaitMs: 600_000 };

	it('polls until final, and a queued task restarts the clock of what is learned', async () => {
		const clock = virtualClock();
		const answers = [statusOf(false, 'queued'), statusOf(false, 'queued'), statusOf(false), statusOf(true)];
		const outcome = await waitForTask({ ...base, signal: new AbortController().signal, clock, fetchStatus: async () => answers.shift()! });
		expect(outcome).toMatchObject({ finished: true, status: { status: 'completed' } });
		expect(clock.sleeps).toEqual([4000, 4000, 4000, 4000]);
		for (let n = 1; n < MIN_HISTORY; n++) rememberDuration('test', { afterMs: 4000, byMs: 8000 });
		// Learned: ended 4-8 s after the last queued poll (not 12-16 s after submit).
		expect(pollPlanFor('test', DEFAULT_SETTINGS).pollAtMs[0]).toBeLessThanOrEqual(8000);
	});

	it('ends at Max Wait with the last status, the last sleep cut to the deadline', async () => {
		const clock = virtualClock();
		const outcome = await waitForTask({ ...base, maxWaitMs: 10_000, signal: new AbortController().signal, clock, fetchStatus: async () => statusOf(false) });
		expect(outcome).toMatchObject({ finished: false, status: { status: 'running' } });
		expect(clock.sleeps).toEqual([4000, 4000, 2000]);
		expect(clock.now()).toBe(10_000);
	});

	it('a stop ends the wait at once and sends nothing more', async () => {
		const clock = virtualClock();
		const abort = new AbortController();
		let requests = 0;
		const waiting = waitForTask({
			...base,
			signal: abort.signal,
			clock,
			fetchStatus: async () => {
				requests += 1;
				if (requests === 2) abort.abort();
				return statusOf(false);
			},
		});
		await expect(waiting).rejects.toThrow();
		expect(requests).toBe(2);
	});

	it('429 during a plan: the Retry-After pause is not made up with a burst of polls, and the plan goes on', async () => {
		for (let n = 0; n < 40; n++) await replayTask(40_000 + (n % 10) * 4000);
		const plan = pollPlanFor('replay', DEFAULT_SETTINGS);
		const clock = virtualClock();
		const askedAt: number[] = [];
		const outcome = await waitForTask({
			...base,
			taskKind: 'replay',
			signal: new AbortController().signal,
			clock,
			fetchStatus: async () => {
				askedAt.push(clock.now());
				// The second request meets a 429 with Retry-After: 10; the transport waits, then asks again.
				if (askedAt.length === 2) await clock.sleep(10_000, new AbortController().signal);
				return statusOf(clock.now() >= 90_000);
			},
		});
		expect(outcome.finished).toBe(true);
		expect(askedAt[1]).toBe(plan.pollAtMs[1]);
		const answeredAt = askedAt[1] + 10_000;
		expect(askedAt[2] - answeredAt).toBeGreaterThanOrEqual(DEFAULT_SETTINGS.minIntervalMs);
		const later = askedAt.slice(2);
		expect(later.every((at) => plan.pollAtMs.includes(at) || at > plan.overdueFromMs)).toBe(true);
		expect(later.every((at, n) => n === 0 || at - later[n - 1] >= DEFAULT_SETTINGS.minIntervalMs)).toBe(true);
	});

	it('the result endpoint is asked again, 1 s apart, while it lags behind a COMPLETED status', async () => {
		const clock = virtualClock();
		const answers = [false, false, true].map((ready) =>
			ready ? { ready: true as const, result: { request_id: 'r' } as never } : { ready: false as const, status: statusOf(true) },
		);
		const answer = await waitForResult(async () => answers.shift()!, new AbortController().signal, clock);
		expect(answer.ready).toBe(true);
		expect(clock.sleeps).toEqual([1000, 1000]);
		const never = await waitForResult(async () => ({ ready: false as const, status: statusOf(true) }), new AbortController().signal, clock);
		expect(never.ready).toBe(false);
		expect(clock.sleeps).toHaveLength(2 + 4);
	});
});

describe('replayed workloads (small versions of the benchmark)', () => {
	it.each(Object.keys(WORKLOADS))('%s: warm beats the equal-delay fixed interval by 1.2× at a mean delay within 2.5 s', async (name) => {
		const warm = figuresOfRuns(await warmRuns(WORKLOADS[name](), 300, 100));
		expect(warm.ratio).toBeGreaterThanOrEqual(1.2);
		expect(warm.meanDelayS).toBeLessThanOrEqual(2.5);
		expect(warm.p99DelayS).toBeLessThanOrEqual(5 * warm.meanDelayS);
	});

	it('cold: fast failures (1-5 s) are noticed within 5 s', async () => {
		const cold = await coldRuns(uniformMs(seededRandom(5), 1, 5), 20, 10);
		expect(Math.max(...cold.replays.map((r) => r.delayMs))).toBeLessThanOrEqual(5000);
	});
});
