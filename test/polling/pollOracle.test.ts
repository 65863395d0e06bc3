import { describe, expect, it } from 'vitest';

import { distributionOracleRequestsPerTask, oracleRequestsPerTask } from '../../harness/pollOracle';
import { lognormalMs, seededRandom, uniformMs } from '../../harness/pollReplay';

const draw = (source: () => number, count: number) => Array.from({ length: count }, source);
const MIN_GAP_MS = 1000;

describe('the benchmark oracles', () => {
	it('tasks that all take 60 s: either oracle polls once, at 60 s', () => {
		const tasks = draw(() => 60_000, 100);
		expect(oracleRequestsPerTask(tasks, 0, MIN_GAP_MS)).toBeCloseTo(1, 6);
		expect(distributionOracleRequestsPerTask(tasks, tasks, 0, MIN_GAP_MS)).toBeCloseTo(1, 6);
	});

	it('planned on the measured tasks themselves, the distribution oracle is the clairvoyant one', () => {
		const tasks = draw(lognormalMs(seededRandom(31), 45, 0.5), 3000);
		const clairvoyant = oracleRequestsPerTask(tasks, 2000, MIN_GAP_MS);
		expect(distributionOracleRequestsPerTask(tasks, tasks, 2000, MIN_GAP_MS)).toBeCloseTo(clairvoyant, 3);
	});

	it.each([
		['uniform 20-90 s', (seed: number) => uniformMs(seededRandom(seed), 20, 90)],
		['lognormal, median 45 s', (seed: number) => lognormalMs(seededRandom(seed), 45, 0.5)],
	])('%s: knowing only the distribution costs more requests than knowing each task, never fewer', (_name, source) => {
		const tasks = draw(source(32), 3000);
		const distribution = draw(source(33), 50_000);
		const clairvoyant = oracleRequestsPerTask(tasks, 2000, MIN_GAP_MS);
		const knowsDistribution = distributionOracleRequestsPerTask(distribution, tasks, 2000, MIN_GAP_MS);
		expect(knowsDistribution).toBeGreaterThan(clairvoyant * 1.01);
		expect(knowsDistribution).toBeLessThan(clairvoyant * 1.15);
	});

	it('fewer requests at a longer mean delay', () => {
		const tasks = draw(uniformMs(seededRandom(34), 20, 90), 3000);
		const distribution = draw(uniformMs(seededRandom(35), 20, 90), 50_000);
		expect(distributionOracleRequestsPerTask(distribution, tasks, 4000, MIN_GAP_MS)).toBeLessThan(
			distributionOracleRequestsPerTask(distribution, tasks, 2000, MIN_GAP_MS) * 0.8,
		);
	});
});
