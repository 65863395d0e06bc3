import { it } from 'vitest';

import type { DurationSource, Runs } from '../harness/pollReplay';
import {
	coldRuns,
	earlyRuns,
	equalDelayInterval,
	figuresOfRuns,
	fixedReplay,
	resampledMs,
	seededRandom,
	uniformMs,
	warmRuns,
	WORKLOADS,
} from '../harness/pollReplay';
import { durationsFromEnv } from './durationsFile.mjs';
import { record } from './probe.mjs';

/**
 * 20,000 measured tasks in each phase. Warm: after 300 tasks of history. Cold: the first 10 tasks of
 * 2,000 fresh processes. Early: tasks 11 to 50 of 500 fresh processes.
 */
const WARM_TASKS = 20_000;
const WARM_HISTORY = 300;
const COLD_STARTS = 2000;
const COLD_TASKS = 10;
const EARLY_STARTS = 500;
const EARLY_HISTORY = 10;
const EARLY_TASKS = 40;
/** The distribution oracle plans on this many tasks drawn apart from the measured ones (another seed). */
const DISTRIBUTION_TASKS = 100_000;
const DISTRIBUTION_SEED = 424_242;

function recordFigures(prefix: string, runs: Runs, distributionMs: readonly number[]) {
	for (const [key, value] of Object.entries(figuresOfRuns(runs, distributionMs))) record(`${prefix}.${key}`, value);
}

/** `distributionMs`: the distribution the tasks are drawn from, as a large sample of it (for the distribution oracle). */
async function recordPhases(prefix: string, source: () => DurationSource, distributionMs: readonly number[]) {
	recordFigures(`${prefix}.warm`, await warmRuns(source(), WARM_TASKS, WARM_HISTORY), distributionMs);
	const cold = await coldRuns(source(), COLD_STARTS, COLD_TASKS);
	recordFigures(`${prefix}.cold`, cold, distributionMs);
	recordFigures(`${prefix}.early`, await earlyRuns(source(), EARLY_STARTS, EARLY_HISTORY, EARLY_TASKS), distributionMs);
	return cold;
}

/** The older table's rows (ours vs fixed 15 s and 0.5 s); ours is the learned schedule, cold or warm. */
function recordComparison(prefix: string, durationsMs: number[], ours: Runs) {
	const figures = figuresOfRuns(ours);
	record(`${prefix}.ours.meanDelayS`, figures.meanDelayS);
	record(`${prefix}.ours.worstDelayS`, figures.maxDelayS);
	record(`${prefix}.ours.requestsPerTask`, figures.requestsPerTask);
	for (const [name, intervalMs] of [['fixed15s', 15_000], ['fixed05s', 500]] as const) {
		const fixed = fixedReplay(durationsMs, intervalMs);
		record(`${prefix}.${name}.meanDelayS`, fixed.meanDelayS);
		record(`${prefix}.${name}.worstDelayS`, Math.max(...durationsMs.map((d) => Math.max(1, Math.ceil(d / intervalMs)) * intervalMs - d)) / 1000);
		record(`${prefix}.${name}.requestsPerTask`, fixed.requestsPerTask);
	}
}

it('replays the learning poll schedule in virtual time', async () => {
	const own = durationsFromEnv();
	if (own !== null) {
		// The measured tasks are drawn from the file's durations: the file is their distribution.
		await recordPhases('durations', () => resampledMs(seededRandom(7), own), own.map((seconds) => seconds * 1000));
		return;
	}
	for (const [name, source] of Object.entries(WORKLOADS)) {
		const distributionMs = Array.from({ length: DISTRIBUTION_TASKS }, source(DISTRIBUTION_SEED));
		const cold = await recordPhases(`schedule.learned.${name}`, () => source(), distributionMs);
		if (name !== 'fastFailMix') continue;
		const failures = cold.replays.filter((_, n) => cold.durationsMs[n] <= 5000);
		record('schedule.coldFastFailures.tasks', failures.length);
		record('schedule.coldFastFailures.maxDelayS', Math.max(...failures.map((r) => r.delayMs)) / 1000);
	}

	const spread = warmRuns(uniformMs(seededRandom(2090), 20, 90), 5000, WARM_HISTORY);
	const ours = await spread;
	record('schedule.tasks', ours.durationsMs.length);
	record('schedule.meanTaskS', ours.durationsMs.reduce((sum, d) => sum + d, 0) / ours.durationsMs.length / 1000);
	recordComparison('schedule', ours.durationsMs, ours);
	const interval = equalDelayInterval(ours.durationsMs, figuresOfRuns(ours).meanDelayS);
	record('schedule.equalDelayFixed.intervalS', interval / 1000);
	record('schedule.equalDelayFixed.requestsPerTask', fixedReplay(ours.durationsMs, interval).requestsPerTask);

	const fiveSeconds = await coldRuns(uniformMs(seededRandom(5), 4.5, 5.5), 100, COLD_TASKS);
	recordComparison('schedule.fiveSecond', fiveSeconds.durationsMs, fiveSeconds);
	const failures = await coldRuns(uniformMs(seededRandom(2), 1.5, 2.5), 100, COLD_TASKS);
	recordComparison('schedule.fastFailure', failures.durationsMs, failures);
});
