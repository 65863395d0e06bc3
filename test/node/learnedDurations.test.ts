import { sleep } from 'n8n-workflow';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

import type { Simulator } from '../../simulator/server.mjs';
import { startSimulator } from '../../simulator/server.mjs';
import { dataUrl, png } from '../../harness/images';
import type { Timing } from '../../nodes/OdiRouter/clock';
import { fastTiming } from '../../harness/fastWaits';
import { runNode } from '../../harness/runNode';

const image = dataUrl(png(1024, 1024));
const HOUR_MS = 3_600_000;
const started: Simulator[] = [];
const simulator = async (options: Parameters<typeof startSimulator>[0]) => started[started.push(await startSimulator(options)) - 1];

afterAll(async () => await Promise.all(started.map((server) => server.close())));
afterEach(() => vi.useRealTimers());

describe('a wall-clock step during Submit and Wait (real node, simulator)', () => {
	it('a step forward of 2 h, then back, neither ends the wait nor cancels the task (Cancel Task on Timeout on)', async () => {
		// Tasks move on by polls here, not by time, so the simulator does not care about the clock either.
		const server = await simulator({ queuedPolls: 1, runningPolls: 3 });
		vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
		let waiting = true;
		const stepper = (async () => {
			const steps = [2 * HOUR_MS, -4 * HOUR_MS];
			while (waiting && steps.length > 0) {
				// Forward after the first status request, back after the third.
				if (server.count('status') >= (steps.length === 2 ? 1 : 3)) vi.setSystemTime(Date.now() + steps.shift()!);
				await sleep(5);
			}
		})();
		try {
			const { items, error } = await runNode({
				parameters: { operation: 'submitAndWait', imageUrl: image, downloadVideo: false, options: { maxWait: 60, cancelOnTimeout: true } },
				credentials: { apiKey: server.apiKey, baseUrl: server.baseUrl },
				timing: fastTiming(20),
			});
			expect(error).toBeNull();
			expect(items[0].json).toMatchObject({ status: 'completed' });
			expect(server.count('cancel')).toBe(0);
			// The simulator counts the submit as the first look: done on the 4th status request, as without a step.
			expect(server.count('status')).toBe(4);
		} finally {
			waiting = false;
			await stepper;
		}
	});
});

describe('eta_seconds from what was learned (real node, simulator)', () => {
	/** Tasks of 8 s (0.4 s real, waits 20× faster) on a fresh simulator, whose first Submit knows nothing yet. */
	async function freshKind(test: (server: Simulator, credentials: { apiKey: string; baseUrl: string }, timing: Timing, firstId: string) => Promise<void>) {
		const server = await simulator({ durationMs: 400 });
		const credentials = { apiKey: server.apiKey, baseUrl: server.baseUrl };
		// One clock for the whole test: the ages of tasks learned under it are measured on it.
		const timing = fastTiming(20);
		const first = await runNode({ parameters: { operation: 'submit', imageUrl: image }, credentials, timing });
		expect(first.items[0].json.eta_seconds).toBeNull();
		await test(server, credentials, timing, String(first.items[0].json.request_id));
	}

	it('null before any task of the kind finished; then Submit, Get Status and the next step give the learned time', async () => {
		await freshKind(async (server, credentials, timing) => {
			// Tasks of 8 s (0.4 s real at 20×): the cold plan (every 4 s) sees them done between 4-8 s and 8-12 s.
			for (let n = 0; n < 3; n++) {
				const waited = await runNode({ parameters: { operation: 'submitAndWait', imageUrl: image, downloadVideo: false }, credentials, timing });
				expect(waited.items[0].json.status).toBe('completed');
			}
			const submitted = await runNode({ parameters: { operation: 'submit', imageUrl: image, output: 'simplified' }, credentials, timing });
			const eta = submitted.items[0].json.eta_seconds as number;
			expect(eta).toBeGreaterThanOrEqual(4);
			expect(eta).toBeLessThanOrEqual(12);
			expect(submitted.items[0].json.next_step).toContain(`ready in about ${eta} s`);

			const requestId = String(submitted.items[0].json.request_id);
			const status = await runNode({ parameters: { operation: 'getStatus', requestId, output: 'simplified' }, credentials, timing });
			expect(status.items[0].json.status).toMatch(/^(queued|running)$/);
			expect(status.items[0].json.eta_seconds).toBeGreaterThanOrEqual(1);
			expect(status.items[0].json.eta_seconds).toBeLessThanOrEqual(eta);
			expect(status.items[0].json.next_step).toContain(`in about ${String(status.items[0].json.eta_seconds)} s (the expected time left)`);

			// The same API spelled with a trailing slash shares what was learned; another API does not.
			const slash = await runNode({ parameters: { operation: 'submit', imageUrl: image }, credentials: { ...credentials, baseUrl: `${server.baseUrl}/` }, timing });
			expect(slash.items[0].json.eta_seconds).toBe(eta);
			const other = await simulator({ durationMs: 400 });
			const elsewhere = await runNode({ parameters: { operation: 'submit', imageUrl: image }, credentials: { apiKey: other.apiKey, baseUrl: other.baseUrl }, timing });
			expect(elsewhere.items[0].json.eta_seconds).toBeNull();
		});
	});

	it('Submit → Get Status (running) → Get Status (completed) teaches the kind, as Submit and Wait does', async () => {
		await freshKind(async (_server, credentials, timing, requestId) => {
			const running = await runNode({ parameters: { operation: 'getStatus', requestId }, credentials, timing });
			expect(running.items[0].json).toMatchObject({ status: expect.stringMatching(/^(queued|running)$/), eta_seconds: null });
			await sleep(600);
			const done = await runNode({ parameters: { operation: 'getStatus', requestId }, credentials, timing });
			expect(done.items[0].json).toMatchObject({ status: 'completed', eta_seconds: 0 });

			const next = await runNode({ parameters: { operation: 'submit', imageUrl: image }, credentials, timing });
			// Known to have ended between the running answer (~0 s) and the completed one (~12 s at 20×).
			expect(next.items[0].json.eta_seconds).toBeGreaterThanOrEqual(1);
			expect(next.items[0].json.eta_seconds).toBeLessThanOrEqual(15);
		});
	});
});
