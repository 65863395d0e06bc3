import { describe, expect, it } from 'vitest';

import { childLeftByCommand, isAlive, onWindows, startHarness, until } from './fixtures/harnessProcess.mjs';

describe.skipIf(onWindows)('the processes a test run started end with it, however it ends', () => {
	it.each([
		['SIGTERM (a runner stopping its workers, a CI timeout)', 'SIGTERM'],
		['SIGINT (Ctrl-C)', 'SIGINT'],
		['its runner going away (the IPC channel closes)', 'disconnect'],
	] as const)('%s', async (_, how) => {
		const harness = await startHarness();
		try {
			expect(harness.sleeps).toHaveLength(2);
			expect(harness.sleeps.every(isAlive)).toBe(true);
			harness.end(how);
			expect(await until(() => !harness.sleeps.some(isAlive), 5000)).toBe(true);
		} finally {
			harness.remove();
		}
	});

	it('a command that ended leaves nothing running in its group', async () => {
		const child = await childLeftByCommand();
		expect(child).toBeGreaterThan(1);
		expect(await until(() => !isAlive(child), 2000)).toBe(true);
	});
});
