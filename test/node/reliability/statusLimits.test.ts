import { expect, it } from 'vitest';

import { startSimulator } from '../../../simulator/server.mjs';
import { dataUrl, png } from '../../../harness/images';
import { fastTiming } from '../../../harness/fastWaits';
import { recordedRetryPauses } from '../../../harness/retryPauses';
import { runNode } from '../../../harness/runNode';

it('Submit and Wait: retries of a failing status request keep Poll Interval apart (10 s, not 0.5-4 s)', async () => {
	const sim = await startSimulator({ durationMs: 600_000 });
	const pauses = recordedRetryPauses();
	try {
		sim.inject('status', { status: 500 });
		const { error } = await runNode({
			// The first poll comes after Poll Interval (10 s): in virtual time.
			timing: fastTiming(100, pauses.clock),
			parameters: { operation: 'submitAndWait', imageUrl: dataUrl(png(1024, 1024)), downloadVideo: false, options: { pollInterval: 10 } },
			credentials: { apiKey: sim.apiKey, baseUrl: sim.baseUrl },
		});
		expect(error?.message).toContain('The OdiRouter service failed (500)');
		expect(sim.count('status')).toBe(4);
		expect(pauses.pauses).toEqual([10_000, 10_000, 10_000]);
	} finally {
		await sim.close();
	}
});

it('Submit and Wait: a status request that hangs at Max Wait gets one attempt of at most MIN_ATTEMPT_TIMEOUT_MS, not 4 × Request Timeout', async () => {
	const sim = await startSimulator({ durationMs: 600_000 });
	try {
		sim.inject('status', { delayMs: 60_000, status: 500 });
		const { error } = await runNode({
			timing: fastTiming(100, recordedRetryPauses().clock),
			parameters: { operation: 'submitAndWait', imageUrl: dataUrl(png(1024, 1024)), downloadVideo: false, options: { maxWait: 1, requestTimeout: 30 } },
			credentials: { apiKey: sim.apiKey, baseUrl: sim.baseUrl },
		});
		expect(error?.message).toContain('OdiRouter did not answer in time (ECONNABORTED)');
		expect(error?.message).toContain('Tried 1 time(s).');
		expect(sim.count('status')).toBe(1);
	} finally {
		await sim.close();
	}
});
