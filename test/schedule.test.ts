import { describe, expect, it } from 'vitest';

import { MAX_INTERVAL_MS, nextPollDelayMs } from '../nodes/OdiRouter/helpers/schedule';
import { equalDelayInterval, evenSpread, fixed, ours, replay } from './harness/pollReplay';

describe('poll schedule', () => {
	const spread = evenSpread(2000, 20_000, 90_000);

	it('notices a 20-90 s clip within 1.5 s on average', () => {
		expect(replay(spread, ours).meanDelayS).toBeLessThanOrEqual(1.5);
	});

	it('spends at most a sixth of the requests of a 0.5 s fixed interval', () => {
		expect(replay(spread, ours).requestsPerTask).toBeLessThanOrEqual(replay(spread, fixed(500)).requestsPerTask / 6);
	});

	it('beats the fixed interval with the same mean delay by at least 15% fewer requests', () => {
		const mine = replay(spread, ours);
		const interval = equalDelayInterval(spread, mine.meanDelayS);
		expect(replay(spread, fixed(interval)).requestsPerTask).toBeGreaterThanOrEqual(mine.requestsPerTask * 1.15);
	});

	it('notices a failure after 2 s within 5 s', () => {
		expect(replay(evenSpread(200, 1_500, 2_500), ours).worstDelayS).toBeLessThanOrEqual(5);
	});

	it('never polls faster than the Poll Interval, honours Retry-After and stays under the cap', () => {
		for (let age = 0; age < 600_000; age += 997) {
			const delay = nextPollDelayMs({ activeForMs: age, status: 'running', minIntervalMs: 5000 });
			expect(delay).toBeGreaterThanOrEqual(5000);
			expect(delay).toBeLessThanOrEqual(MAX_INTERVAL_MS);
		}
		expect(nextPollDelayMs({ activeForMs: 50_000, status: 'running', minIntervalMs: 1000, retryAfterMs: 12_000 })).toBe(12_000);
		expect(nextPollDelayMs({ activeForMs: 50_000, status: 'queued', minIntervalMs: 1000 })).toBe(5000);
	});

	it('polls densest near the end of the usual range and sparser beyond it', () => {
		const at = (age: number) => nextPollDelayMs({ activeForMs: age, status: 'running', minIntervalMs: 1000 });
		expect(at(20_000)).toBeGreaterThan(at(80_000));
		expect(at(300_000)).toBeGreaterThan(at(100_000));
	});
});
