import { afterEach, describe, expect, it } from 'vitest';

import type { DurationObservation } from '../../nodes/OdiRouter/polling/durationEstimate';
import { durationEstimateFor, forgetDurations, MIN_HISTORY, pollPlanFor, rememberDuration, shareDurations } from '../../nodes/OdiRouter/polling/durationMemory';
import { coldPlan } from '../../nodes/OdiRouter/polling/schedule';
import type { TaskKindSettings } from '../../nodes/OdiRouter/polling/taskKind';
import { taskKindOf } from '../../nodes/OdiRouter/polling/taskKind';
import { waitForTask } from '../../nodes/OdiRouter/polling/waitForTask';
import { DEFAULT_SETTINGS, statusOf, virtualClock } from '../../harness/pollReplay';

afterEach(() => forgetDurations());

const MODEL = 'minimax_hailuo_23_fast_i2v';
const API = 'https://odirouter.ai/model';
const finishedAround = (seconds: number, count: number): DurationObservation[] =>
	Array.from({ length: count }, (_, n) => ({ afterMs: seconds * 1000 - 2000 + n * 10, byMs: seconds * 1000 + 2000 + n * 10 }));

describe('the kind of task a duration is learned for', () => {
	it.each<[string, TaskKindSettings, string, TaskKindSettings, string, boolean]>([
		['the API defaults spelled out or not', {}, API, { resolution: '768P', duration: 6, prompt_optimizer: true, fast_pretreatment: false }, API, true],
		['a trailing slash on the base URL', {}, API, {}, `${API}/`, true],
		['another base URL (a test stand-in)', {}, API, {}, 'http://127.0.0.1:5000/model', false],
		['another resolution', {}, API, { resolution: '1080P' }, API, false],
		['another duration', {}, API, { duration: 10 }, API, false],
		['Prompt Optimizer off', {}, API, { prompt_optimizer: false }, API, false],
		['Fast Pretreatment on', {}, API, { fast_pretreatment: true }, API, false],
	])('%s → same kind: %s', (_name, a, urlA, b, urlB, same) => {
		expect(taskKindOf(MODEL, a, urlA) === taskKindOf(MODEL, b, urlB)).toBe(same);
	});

	it('names the API by a hash, never by its URL', () => {
		expect(taskKindOf(MODEL, {}, API)).not.toContain('odirouter');
		expect(taskKindOf(MODEL, {}, API)).toMatch(/^[0-9a-f]{8} minimax_hailuo_23_fast_i2v 768P 6s po1 fp0$/);
	});
});

describe('what teaches durations', () => {
	it.each([
		['completed', 'completed', true],
		['failed', 'failed', false],
		['cancelled', 'cancelled', false],
	] as const)('a %s task: teaches %s', async (_name, status, teaches) => {
		const kind = `taught by ${status}`;
		for (let n = 0; n < MIN_HISTORY; n++) {
			const answers = [statusOf(false), { ...statusOf(true), status }];
			await waitForTask({ ...DEFAULT_SETTINGS, taskKind: kind, maxWaitMs: 600_000, signal: new AbortController().signal, clock: virtualClock(), fetchStatus: async () => answers.shift()! });
		}
		expect(durationEstimateFor(kind) !== null).toBe(teaches);
		expect(pollPlanFor(kind, DEFAULT_SETTINGS)).toEqual(teaches ? expect.objectContaining({ overdueFromMs: expect.any(Number) }) : coldPlan());
		if (teaches) expect(pollPlanFor(kind, DEFAULT_SETTINGS)).not.toEqual(coldPlan());
	});
});

describe('durations shared through a workflow store', () => {
	it('a process with no history of its own plans from what other processes stored', () => {
		expect(pollPlanFor('shared', DEFAULT_SETTINGS)).toEqual(coldPlan());
		shareDurations('shared', 'workflow 1', { observations: finishedAround(40, MIN_HISTORY), total: MIN_HISTORY });
		const plan = pollPlanFor('shared', DEFAULT_SETTINGS);
		expect(plan).not.toEqual(coldPlan());
		expect(plan.pollAtMs.filter((at) => at < 30_000).length).toBeLessThanOrEqual(3);
	});

	it('reading the same store again counts nothing twice: the plan is not worked out again', () => {
		const shared = { observations: finishedAround(40, 20), total: 20 };
		shareDurations('again', 'workflow 1', shared);
		const plan = pollPlanFor('again', DEFAULT_SETTINGS);
		for (let n = 0; n < 5; n++) shareDurations('again', 'workflow 1', shared);
		expect(pollPlanFor('again', DEFAULT_SETTINGS)).toBe(plan);
		shareDurations('again', 'workflow 1', { observations: finishedAround(80, 24), total: 44 });
		expect(pollPlanFor('again', DEFAULT_SETTINGS)).not.toBe(plan);
	});

	it('its own and the shared observations together reach the minimum history', () => {
		for (let n = 0; n < MIN_HISTORY / 2; n++) rememberDuration('together', { afterMs: 38_000, byMs: 42_000 });
		expect(pollPlanFor('together', DEFAULT_SETTINGS)).toEqual(coldPlan());
		shareDurations('together', 'workflow 1', { observations: finishedAround(40, MIN_HISTORY / 2), total: MIN_HISTORY / 2 });
		expect(pollPlanFor('together', DEFAULT_SETTINGS)).not.toEqual(coldPlan());
	});

	it('an empty store for a kind this process never saw adds no kind', () => {
		shareDurations('never seen', 'workflow 1', { observations: [], total: 0 });
		expect(durationEstimateFor('never seen')).toBeNull();
	});
});

describe('one estimate per kind', () => {
	it('the ETA and the plan read one estimate, worked out again only when an observation came in', () => {
		for (let n = 0; n < MIN_HISTORY; n++) rememberDuration('one', { afterMs: 38_000, byMs: 42_000 });
		pollPlanFor('one', DEFAULT_SETTINGS);
		const estimate = durationEstimateFor('one');
		expect(durationEstimateFor('one')).toBe(estimate);
		rememberDuration('one', { afterMs: 78_000, byMs: 82_000 });
		expect(durationEstimateFor('one')).not.toBe(estimate);
	});

	it('keeps the last 4096 observations of a kind: rare long tasks stay among them', () => {
		const massBefore = (kind: string, ms: number) => {
			const { edgesMs, mass } = durationEstimateFor(kind)!;
			return mass.reduce((sum, m, bin) => (edgesMs[bin + 1] <= ms ? sum + m : sum), 0);
		};
		for (let n = 0; n < 4096; n++) rememberDuration('ring', n < 2048 ? { afterMs: 38_000, byMs: 42_000 } : { afterMs: 78_000, byMs: 82_000 });
		expect(massBefore('ring', 60_000)).toBeCloseTo(0.5, 1);
		for (let n = 0; n < 2048; n++) rememberDuration('ring', { afterMs: 78_000, byMs: 82_000 });
		expect(massBefore('ring', 60_000)).toBeLessThan(0.01);
	});
});
