import { describe, expect, it } from 'vitest';

import { startSimulator } from '../../../simulator/server.mjs';
import { dataUrl, png } from '../../../harness/images';
import { fastTiming } from '../../../harness/fastWaits';
import { visibleText } from '../../../harness/items';
import { runNode } from '../../../harness/runNode';

describe('where the key may go', () => {
	it('never follows status, result or cancel URLs to another host, and fetches the video without the key', async () => {
		const sim = await startSimulator({ durationMs: 50, separateVideoHost: true, foreignUrls: true });
		try {
			const { items, error } = await runNode({
				// Polling 10 times faster than real time, on a task 10 times shorter.
				timing: fastTiming(10),
				parameters: { operation: 'submitAndWait', imageUrl: dataUrl(png(900, 900)), options: { pollInterval: 1 } },
				credentials: { apiKey: sim.apiKey, baseUrl: sim.baseUrl },
			});
			expect(error).toBeNull();
			expect(String(items[0].json.request_id)).toMatch(/^mmsu_/);
			const otherHost = sim.log.filter((entry) => entry.host === 'video');
			expect(otherHost.map((entry) => entry.path)).toEqual([`/files/${items[0].json.request_id}.mp4`]);
			expect(otherHost.every((entry) => entry.auth === null)).toBe(true);
			const apiCalls = sim.log.filter((entry) => entry.host === 'api');
			expect(apiCalls.every((entry) => entry.auth === `Bearer ${sim.apiKey}`)).toBe(true);
			expect(visibleText(items)).not.toContain(sim.apiKey);
		} finally {
			await sim.close();
		}
	});

	it('keeps the key out of an error even when the server echoes it', async () => {
		const sim = await startSimulator();
		try {
			sim.inject('status', { status: 400, body: { detail: `Bad token ${sim.apiKey} for this route` } });
			const { error } = await runNode({
				parameters: { operation: 'getStatus', requestId: 'mmsu_1' },
				credentials: { apiKey: sim.apiKey, baseUrl: sim.baseUrl },
			});
			expect(error?.message).toContain('Bad token [redacted]');
			expect(visibleText(error)).not.toContain(sim.apiKey);
		} finally {
			await sim.close();
		}
	});
});
