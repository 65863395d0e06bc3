import { afterEach, describe, expect, it, vi } from 'vitest';

import { systemClock } from '../nodes/OdiRouter/clock';

afterEach(() => vi.useRealTimers());

const HOUR_MS = 3_600_000;

describe('the system clock', () => {
	it('does not follow the wall clock: a step forward or back (NTP, a resumed VM) does not move it', () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		const before = systemClock.now();
		vi.setSystemTime(Date.now() + 2 * HOUR_MS);
		const afterForward = systemClock.now();
		vi.setSystemTime(Date.now() - 4 * HOUR_MS);
		const afterBack = systemClock.now();
		expect(afterForward - before).toBeGreaterThanOrEqual(0);
		expect(afterForward - before).toBeLessThan(1000);
		expect(afterBack - afterForward).toBeGreaterThanOrEqual(0);
		expect(afterBack - afterForward).toBeLessThan(1000);
	});
});
