import { afterAll, describe, expect, it } from 'vitest';
import { sleep } from 'n8n-workflow';

import type { Simulator, SimulatorOptions } from '../../simulator/server.mjs';
import { startSimulator } from '../../simulator/server.mjs';
import { dataUrl, png } from '../../harness/images';
import { binaryBytes, runNode } from '../../harness/runNode';

const image = dataUrl(png(1024, 1024));
const simulators: Simulator[] = [];

/** One simulator per test: the tests run at once, each against its own server. */
async function simulator(options: SimulatorOptions) {
	const server = await startSimulator(options);
	simulators.push(server);
	return server;
}

afterAll(async () => {
	await Promise.all(simulators.map((server) => server.close()));
});

function waitParams(extra: Record<string, unknown> = {}, options: Record<string, unknown> = {}) {
	return { operation: 'submitAndWait', imageUrl: image, options: { pollInterval: 1, ...options }, ...extra };
}

// Concurrent: most of each test is real waiting on the simulator's task clock.
describe.concurrent('Submit and Wait', () => {
	it('submits once, polls until done and returns the result with the video', async () => {
		const server = await simulator({ durationMs: 1500, separateVideoHost: true });
		const { items, error } = await runNode({ parameters: waitParams(), credentials: { apiKey: server.apiKey, baseUrl: server.baseUrl } });
		expect(error).toBeNull();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ status: 'completed', content_type: 'video/mp4' });
		expect(items[0].json.request_id).toMatch(/^mmsu_/);
		expect((await binaryBytes(items[0].binary?.data)).equals(server.video)).toBe(true);
		expect(server.count('submit')).toBe(1);
		expect(server.count('status')).toBeGreaterThanOrEqual(1);
		expect(server.log.filter((entry) => entry.host === 'video').every((entry) => entry.auth === null)).toBe(true);
	});

	it('fails with the request id when the task fails, and Continue On Fail keeps it on the item', async () => {
		const server = await simulator({ durationMs: 200, failWhenPromptIncludes: 'FAIL' });
		const credentials = { apiKey: server.apiKey, baseUrl: server.baseUrl };
		const failed = await runNode({ parameters: waitParams({ prompt: 'FAIL' }), credentials });
		const requestId = [...server.tasks.keys()][0];
		expect(failed.error?.message).toContain('The task failed');
		expect(failed.error?.message).toContain(requestId);
		expect(failed.error?.description).toContain('INFERENCE_FAILURE');

		const kept = await runNode({ parameters: waitParams({ prompt: 'FAIL' }), credentials, continueOnFail: true });
		expect(kept.error).toBeNull();
		const secondId = [...server.tasks.keys()][1];
		expect(kept.items[0].json).toMatchObject({ request_id: secondId });
		expect(kept.items[0].json.error).toContain('The task failed');
		expect(kept.items[0].pairedItem).toEqual({ item: 0 });
		expect(server.count('submit')).toBe(2);
	});

	it('times out with the request id and cancels once when asked to', async () => {
		const server = await simulator({ durationMs: 60_000 });
		const credentials = { apiKey: server.apiKey, baseUrl: server.baseUrl };
		const { error } = await runNode({ parameters: waitParams({}, { maxWait: 2, cancelOnTimeout: true }), credentials });
		const requestId = [...server.tasks.keys()][0];
		expect(error?.message).toBe(
			`The video was not ready within 2 s (last status: running), so the task was cancelled (Cancel Task on Timeout). Request ID: ${requestId}. Raise Max Wait to wait longer.`,
		);
		expect(server.count('cancel')).toBe(1);
		expect(server.tasks.get(requestId)?.state).toBe('CANCELLED');
	});

	it('returns the video when the task finished between the last poll and the cancel (the cancel answers ALREADY_COMPLETED)', async () => {
		const server = await simulator({ durationMs: 60_000 });
		server.inject('cancel', { finishBeforeCancel: true });
		const { items, error } = await runNode({
			parameters: waitParams({}, { maxWait: 1, cancelOnTimeout: true }),
			credentials: { apiKey: server.apiKey, baseUrl: server.baseUrl },
		});
		const requestId = [...server.tasks.keys()][0];
		expect(error).toBeNull();
		expect(items[0].json).toMatchObject({ request_id: requestId, status: 'completed' });
		expect((await binaryBytes(items[0].binary?.data)).equals(server.video)).toBe(true);
		expect(server.count('cancel')).toBe(1);
		expect(server.tasks.get(requestId)?.state).toBe('COMPLETED');
	});

	it('in a stopped batch, lists a task whose cancel came too late as finished, never as cancelled', async () => {
		const server = await simulator({ durationMs: (task) => (String(task.body.prompt).includes('FAIL') ? 200 : 60_000), failWhenPromptIncludes: 'FAIL' });
		server.inject('cancel', { finishBeforeCancel: true });
		const { error } = await runNode({
			parameters: waitParams({ prompt: '={{ $json.prompt }}', downloadVideo: false }, { maxConcurrency: 2, cancelOnTimeout: true }),
			items: [{ json: { prompt: 'slow 0' } }, { json: { prompt: 'FAIL 1' } }],
			credentials: { apiKey: server.apiKey, baseUrl: server.baseUrl },
		});
		const slowId = [...server.tasks.values()].find((task) => task.body.prompt === 'slow 0')?.id;
		expect(error?.message).toContain('The task failed');
		expect(error?.description).toContain(`item 0: ${slowId} (finished: fetch its video with Get Result)`);
		expect(error?.description).not.toContain('cancelled');
		expect(server.count('cancel')).toBe(1);
	});

	it('times out without cancelling by default and says how to continue', async () => {
		const server = await simulator({ durationMs: 60_000 });
		const { error, items } = await runNode({
			parameters: waitParams({}, { maxWait: 1 }),
			credentials: { apiKey: server.apiKey, baseUrl: server.baseUrl },
			continueOnFail: true,
		});
		expect(error).toBeNull();
		const requestId = [...server.tasks.keys()][0];
		expect(items[0].json.request_id).toBe(requestId);
		expect(items[0].json.error).toContain(
			`. The task keeps running and is billed: fetch it with Get Result, request ID ${requestId}, or stop it with Cancel.`,
		);
		expect(server.count('cancel')).toBe(0);
	});

	it('stops within a second of the execution being stopped and sends nothing more', async () => {
		const server = await simulator({ durationMs: 60_000 });
		const abort = new AbortController();
		const started = Date.now();
		const running = runNode({ parameters: waitParams({}, { pollInterval: 5 }), credentials: { apiKey: server.apiKey, baseUrl: server.baseUrl }, abort });
		await sleep(4000);
		const requestsAtStop = server.log.length;
		const stoppedAt = Date.now();
		abort.abort();
		const { error } = await running;
		const endedAt = Date.now();
		expect(endedAt - stoppedAt).toBeLessThan(1000);
		expect(error).not.toBeNull();
		await sleep(1500);
		expect(server.log.length).toBe(requestsAtStop);
		expect(server.count('cancel')).toBe(0);
		expect(endedAt - started).toBeGreaterThanOrEqual(4000);
	});

	it('runs a batch concurrently, keeps order and pairing, and never has more than the limit running', async () => {
		const server = await simulator({ durationMs: (task) => (String(task.body.prompt).endsWith('0') ? 4000 : 1200) });
		const items = Array.from({ length: 6 }, (_, n) => ({ json: { prompt: `clip ${n}${n === 0 ? '0' : ''}` } }));
		const { items: output, error } = await runNode({
			// Polls every second (Poll Interval; 2 × Target Notice Delay is less) until it has learned how
			// long 1080P clips take: the concurrent tests teach it only about 768P ones.
			parameters: waitParams({ prompt: '={{ $json.prompt }}', downloadVideo: false, resolution: '1080P' }, { maxConcurrency: 3, targetNoticeDelay: 0.5 }),
			items,
			credentials: { apiKey: server.apiKey, baseUrl: server.baseUrl },
		});
		expect(error).toBeNull();
		expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, n) => ({ item: n })));
		const promptsSent = output.map((item) => server.tasks.get(item.json.request_id as string)?.body.prompt);
		expect(promptsSent).toEqual(items.map((item) => item.json.prompt));
		expect(server.stats.maxActive).toBe(3);
		expect(server.count('submit')).toBe(6);
		// The slow item holds one slot, not the batch: item 3 took a freed slot while item 0 still ran.
		const tasksInOrder = output.map((item) => server.tasks.get(item.json.request_id as string)!);
		expect(tasksInOrder[3].createdAt).toBeLessThan(tasksInOrder[0].finishedAt ?? Number.POSITIVE_INFINITY);
	});

	it('keeps going after a failing item under Continue On Fail, in a mixed batch', async () => {
		const server = await simulator({ durationMs: 300, failWhenPromptIncludes: 'FAIL' });
		const prompts = ['ok 0', 'FAIL 1', 'ok 2', 'FAIL 3'];
		const { items, error } = await runNode({
			parameters: waitParams({ prompt: '={{ $json.prompt }}', downloadVideo: false }, { maxConcurrency: 4 }),
			items: prompts.map((prompt) => ({ json: { prompt } })),
			credentials: { apiKey: server.apiKey, baseUrl: server.baseUrl },
			continueOnFail: true,
		});
		expect(error).toBeNull();
		expect(items.map((item) => (item.json.error ? 'error' : item.json.status))).toEqual(['completed', 'error', 'completed', 'error']);
		for (const item of items) expect(item.json.request_id).toMatch(/^mmsu_/);
		expect(server.count('submit')).toBe(4);
	});

	it('without Continue On Fail reports the first failure and names the other tasks', async () => {
		const server = await simulator({ durationMs: (task) => (String(task.body.prompt).includes('FAIL') ? 200 : 5000), failWhenPromptIncludes: 'FAIL' });
		const prompts = ['slow 0', 'FAIL 1', 'slow 2'];
		const { error } = await runNode({
			parameters: waitParams({ prompt: '={{ $json.prompt }}', downloadVideo: false }, { maxConcurrency: 3, cancelOnTimeout: true }),
			items: prompts.map((prompt) => ({ json: { prompt } })),
			credentials: { apiKey: server.apiKey, baseUrl: server.baseUrl },
		});
		const ids = [...server.tasks.values()].map((task) => ({ id: task.id, prompt: task.body.prompt as string }));
		const failedId = ids.find((task) => task.prompt.includes('FAIL'))?.id as string;
		expect(error?.message).toContain(failedId);
		expect(error?.context?.itemIndex).toBe(1);
		for (const other of ids.filter((task) => task.id !== failedId)) {
			expect(error?.description).toContain(other.id);
		}
		// Cancel Task on Timeout also cancels the tasks a failure stopped.
		expect(server.count('cancel')).toBe(2);
	});
});
