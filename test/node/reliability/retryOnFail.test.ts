import { ExecuteContext } from 'n8n-core';
import type { Logger } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import { afterAll, describe, expect, it, vi } from 'vitest';

import type { Simulator, SimulatorOptions } from '../../../simulator/server.mjs';
import { startSimulator } from '../../../simulator/server.mjs';
import { dataUrl, png } from '../../../harness/images';
import type { RunOptions } from '../../../harness/runNode';
import { runNode } from '../../../harness/runNode';
import { fastTiming } from '../../../harness/fastWaits';
import { recordedRetryPauses } from '../../../harness/retryPauses';

// n8n's Retry On Fail runs the node again in the same process with the same execution ID, run
// index and items (n8n-core's workflow-execute.js): the harness does the same by running the node
// twice with one execution ID.
const image = dataUrl(png(1024, 1024));
const simulators: Simulator[] = [];
let executions = 0;
/** Submit and Wait's clock runs this much faster; simulator tasks are as much shorter. */
const SPEED_UP = 10;
/** One clock for every try: a resumed task's age is measured on the clock it was submitted on. Retry pauses in virtual time. */
const timing = fastTiming(SPEED_UP, recordedRetryPauses().clock);

afterAll(async () => {
	await Promise.all(simulators.map((server) => server.close()));
});

async function simulator(options: SimulatorOptions) {
	const server = await startSimulator(options);
	simulators.push(server);
	return server;
}

/** Runs the node as n8n's tries of one node run would: same execution ID, same run index, same items. */
function tries(server: Simulator, run: Omit<RunOptions, 'credentials'>) {
	const executionId = `exec-retry-${++executions}`;
	return (extra: Partial<RunOptions> = {}) =>
		runNode({ executionId, timing, ...run, ...extra, credentials: { apiKey: server.apiKey, baseUrl: server.baseUrl } });
}

const promptItems = (...prompts: string[]) => prompts.map((prompt) => ({ json: { prompt } }));

describe.concurrent("n8n's Retry On Fail resumes accepted tasks instead of paying again", () => {
	it('Submit: a batch of 3 with one 503 ends with exactly 3 billed tasks, the 2 accepted ones resumed', async () => {
		const server = await simulator({ durationMs: 60_000 });
		server.inject('submit', { status: 503 }, [2]);
		const tryRun = tries(server, {
			parameters: { operation: 'submit', imageUrl: image, prompt: '={{ $json.prompt }}', options: { maxConcurrency: 1 } },
			items: promptItems('a', 'b', 'c'),
		});
		const first = await tryRun();
		expect(first.error?.message).toContain('(503)');
		expect(server.tasks.size).toBe(1);

		const second = await tryRun();
		expect(second.error).toBeNull();
		expect(server.tasks.size).toBe(3);
		expect(server.count('submit')).toBe(4);
		const [a, b, c] = second.items.map((item) => item.json);
		expect(a).toMatchObject({ request_id: [...server.tasks.keys()][0], resumed: true });
		expect(b.resumed).toBeUndefined();
		expect(c.resumed).toBeUndefined();
		expect(second.items.map((item) => server.tasks.get(item.json.request_id as string)?.body.prompt)).toEqual(['a', 'b', 'c']);
	});

	it('Submit: simplified output says resumed too', async () => {
		const server = await simulator({ durationMs: 60_000 });
		const tryRun = tries(server, { parameters: { operation: 'submit', imageUrl: image, output: 'simplified' } });
		const first = await tryRun();
		const second = await tryRun();
		expect(second.items[0].json).toMatchObject({ request_id: first.items[0].json.request_id, status: 'queued', resumed: true });
		expect(server.count('submit')).toBe(1);
	});

	it('another run index (a loop), another execution and a changed input are new work', async () => {
		const server = await simulator({ durationMs: 60_000 });
		const parameters = { operation: 'submit', imageUrl: image, prompt: '={{ $json.prompt }}' };
		const tryRun = tries(server, { parameters, items: promptItems('a') });
		await tryRun();
		await tryRun({ runIndex: 1 });
		await tryRun({ items: promptItems('a changed') });
		await tryRun({ executionId: `exec-retry-other-${executions}` });
		expect(server.count('submit')).toBe(4);
		expect((await tryRun()).items[0].json.resumed).toBe(true);
		expect(server.count('submit')).toBe(4);
	});

	it('Submit and Wait: an item whose status failed a whole try is waited for again, and the other item is not paid twice', async () => {
		const server = await simulator({ durationMs: 15_000 / SPEED_UP });
		// Every status request of one task fails during the first try (our 4 attempts), then answers.
		server.injectForTask('status', { status: 500 }, { promptIncludes: 'HIT', times: 4 });
		const tryRun = tries(server, {
			parameters: { operation: 'submitAndWait', imageUrl: image, prompt: '={{ $json.prompt }}', downloadVideo: false, options: { pollInterval: 1 } },
			items: promptItems('calm lake', 'HIT status'),
		});
		const first = await tryRun();
		expect(first.error?.message).toContain('(500)');
		expect(server.tasks.size).toBe(2);

		const second = await tryRun();
		expect(second.error).toBeNull();
		expect(server.tasks.size).toBe(2);
		expect(second.items.map((item) => [item.json.status, item.json.resumed])).toEqual([
			['completed', true],
			['completed', true],
		]);
		expect(second.items.map((item) => item.json.request_id)).toEqual([...server.tasks.keys()]);
	});

	it('Submit and Wait: a resumed task that finished meanwhile returns its result at once', async () => {
		const server = await simulator({ durationMs: 60_000 });
		const tryRun = tries(server, { parameters: { operation: 'submitAndWait', imageUrl: image, downloadVideo: false, options: { maxWait: 1 } } });
		const first = await tryRun();
		expect(first.error?.message).toContain('not ready within 1 s');
		const requestId = [...server.tasks.keys()][0];
		server.finish(requestId);
		const statusCallsBefore = server.count('status');
		const second = await tryRun();
		expect(second.error).toBeNull();
		expect(second.items[0].json).toMatchObject({ request_id: requestId, status: 'completed', resumed: true });
		expect(server.count('status') - statusCallsBefore).toBe(1);
		expect(server.count('submit')).toBe(1);
	});

	it('Submit and Wait: a task that failed upstream is submitted anew on the retry', async () => {
		const server = await simulator({ durationMs: 1000 / SPEED_UP, failWhenPromptIncludes: 'FAIL' });
		const tryRun = tries(server, { parameters: { operation: 'submitAndWait', imageUrl: image, prompt: 'FAIL', downloadVideo: false } });
		expect((await tryRun()).error?.message).toContain('The task failed');
		expect((await tryRun()).error?.message).toContain('The task failed');
		expect(server.count('submit')).toBe(2);
	});

	it('Submit and Wait: a task cancelled on Max Wait is submitted anew on the retry', async () => {
		const server = await simulator({ durationMs: 60_000 });
		const tryRun = tries(server, {
			parameters: { operation: 'submitAndWait', imageUrl: image, downloadVideo: false, options: { maxWait: 1, cancelOnTimeout: true } },
		});
		expect((await tryRun()).error?.message).toContain('so the task was cancelled');
		expect((await tryRun()).error?.message).toContain('so the task was cancelled');
		expect(server.count('submit')).toBe(2);
		expect(server.count('cancel')).toBe(2);
	});
});

// As an agent's tool every call is a new run index of the tool node (n8n's Retry On Fail keeps it).
describe.concurrent("as an AI agent's tool, a call with the same input resumes the task until its video was handed over", () => {
	const toolRuns = (server: Simulator, parameters: RunOptions['parameters']) => {
		const tryRun = tries(server, { parameters, asTool: true });
		let runIndex = 0;
		return () => tryRun({ runIndex: runIndex++ });
	};

	it('Submit and Wait: the agent calling again after an error (a new run index) gets the same task: one billed task', async () => {
		const server = await simulator({ durationMs: 15_000 / SPEED_UP });
		server.injectForTask('status', { status: 500 }, { promptIncludes: 'HIT', times: 4 });
		const call = toolRuns(server, { operation: 'submitAndWait', imageUrl: image, prompt: 'HIT status' });
		const first = await call();
		expect(first.error?.message).toContain('(500)');
		const second = await call();
		expect(second.error).toBeNull();
		expect(server.count('submit')).toBe(1);
		expect(second.items[0].json).toMatchObject({ request_id: [...server.tasks.keys()][0], status: 'completed', resumed: true });
	});

	it('Submit and Wait: the agent calling again after the Max Wait item keeps waiting on the same task', async () => {
		const server = await simulator({ durationMs: 60_000 });
		const call = toolRuns(server, { operation: 'submitAndWait', imageUrl: image, prompt: 'a slow lake', options: { maxWait: 1 } });
		const first = await call();
		expect(first.items[0].json).toMatchObject({ status: 'running' });
		server.finish(String(first.items[0].json.request_id));
		const second = await call();
		expect(server.count('submit')).toBe(1);
		expect(second.items[0].json).toMatchObject({ request_id: first.items[0].json.request_id, status: 'completed', resumed: true });
	});

	it('Submit and Wait: the same input again after the video was delivered is a second task', async () => {
		const server = await simulator({ durationMs: 1000 / SPEED_UP });
		const call = toolRuns(server, { operation: 'submitAndWait', imageUrl: image, prompt: 'a calm lake' });
		const [first, second] = [await call(), await call()];
		expect([first.error, second.error]).toEqual([null, null]);
		expect(server.count('submit')).toBe(2);
		expect(second.items[0].json.resumed).toBeUndefined();
		expect(second.items[0].json.request_id).not.toBe(first.items[0].json.request_id);
	});

	it('Submit and Wait: two calls with the same input side by side are two tasks, each waited for to its own video', async () => {
		const server = await simulator({ durationMs: 60_000 });
		const call = toolRuns(server, { operation: 'submitAndWait', imageUrl: image, prompt: 'two lakes' });
		const first = call();
		// Its first status request: the first call has its task (accepted) and is waiting on it.
		await vi.waitFor(() => expect(server.count('status')).toBeGreaterThan(0), { timeout: 10_000 });
		const second = call();
		await vi.waitFor(() => expect(server.count('submit')).toBe(2), { timeout: 10_000 });
		for (const id of server.tasks.keys()) server.finish(id);
		const [one, two] = await Promise.all([first, second]);
		expect([one.error, two.error]).toEqual([null, null]);
		expect(new Set([one.items[0].json.request_id, two.items[0].json.request_id])).toEqual(new Set(server.tasks.keys()));
		expect([one.items[0].json.resumed, two.items[0].json.resumed]).toEqual([undefined, undefined]);
	});

	it('Submit and Wait: after two side-by-side calls failed, calling again twice resumes both tasks: still two billed', async () => {
		const server = await simulator({ durationMs: 15_000 / SPEED_UP });
		server.injectForTask('status', { status: 500 }, { promptIncludes: 'HIT', times: 4 });
		// The first status request (the one that fails) 30 s (3 s real) after each submit: the calls overlap.
		const call = toolRuns(server, { operation: 'submitAndWait', imageUrl: image, prompt: 'HIT twice', options: { pollInterval: 30 } });
		const first = call();
		await vi.waitFor(() => expect(server.count('submit')).toBe(1), { timeout: 10_000 });
		// The submit's answer reaches the node at once; its first status request is 3 s away.
		await sleep(300);
		const failed = await Promise.all([first, call()]);
		expect(failed.map((run) => run.error?.message)).toEqual([expect.stringContaining('(500)'), expect.stringContaining('(500)')]);
		const again = await Promise.all([call(), call()]);
		expect(again.map((run) => run.error)).toEqual([null, null]);
		expect(server.count('submit')).toBe(2);
		expect(new Set(again.map((run) => run.items[0].json.request_id))).toEqual(new Set(server.tasks.keys()));
		expect(again.map((run) => run.items[0].json.resumed)).toEqual([true, true]);
	});

	it('Submit: the same input again after the request ID was delivered is a second task', async () => {
		const server = await simulator({ durationMs: 60_000 });
		const call = toolRuns(server, { operation: 'submit', imageUrl: image, prompt: 'a calm lake' });
		await call();
		await call();
		expect(server.count('submit')).toBe(2);
	});
});

describe('the resumed task in n8n’s log', () => {
	/** The info lines n8n's log gets during `run`. */
	async function infoLinesOf(run: () => Promise<unknown>): Promise<string[]> {
		const info = vi.fn<Logger['info']>();
		const logger: Logger = { info, debug: vi.fn(), warn: vi.fn(), error: vi.fn() };
		const spy = vi.spyOn(ExecuteContext.prototype, 'logger', 'get').mockReturnValue(logger as never);
		try {
			await run();
		} finally {
			spy.mockRestore();
		}
		return info.mock.calls.map(([message]) => message);
	}

	it('logs the resume with the request ID, and no submit line', async () => {
		const server = await simulator({ durationMs: 60_000 });
		const tryRun = tries(server, { parameters: { operation: 'submit', imageUrl: image } });
		const first = await tryRun();
		const lines = await infoLinesOf(tryRun);
		const requestId = first.items[0].json.request_id as string;
		expect(lines).toEqual([
			`OdiRouter task resumed (n8n retried the node): request_id ${requestId}, execution exec-retry-${executions}, node "OdiRouter", item 0; not submitted again`,
		]);
	});

	it("as an agent's tool, says the agent called again (not that n8n retried)", async () => {
		const server = await simulator({ durationMs: 60_000 });
		const tryRun = tries(server, { parameters: { operation: 'submitAndWait', imageUrl: image, options: { maxWait: 1 } }, asTool: true });
		const first = await tryRun({ runIndex: 0 });
		const lines = await infoLinesOf(() => tryRun({ runIndex: 1 }));
		const requestId = first.items[0].json.request_id as string;
		expect(lines).toEqual([
			`OdiRouter task resumed (the agent called the tool again with the same input): request_id ${requestId}, execution exec-retry-${executions}, node "OdiRouter", item 0; not submitted again`,
		]);
	});
});
