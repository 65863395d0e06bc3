import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { odiRouterCredential } from '../../scripts/n8n/examples.mjs';
import type { QueueMode } from '../../scripts/n8n/queue.mjs';
import { startQueueMode } from '../../scripts/n8n/queue.mjs';
import type { SimTask, Simulator } from '../../simulator/server.mjs';
import { startSimulator } from '../../simulator/server.mjs';
import { readLogFiles, report } from './output.mjs';
import {
	eventually,
	executionRun,
	executionsStarted,
	executionStatus,
	findSubmitLine,
	storedBinarySizes,
	submitLines,
} from './evidence';
import { batchOfItems, crashSafe, longWait, operations, resultById, SLOW_TASK, videoPerCall, WAITED_TASK } from './workflows';

/** Over n8n's 65 s: the Wait node parks the execution in the database instead of sleeping in a worker. */
const PARKING_WAIT_S = 66;
const VIDEO_BYTES = 2 * 1048576;

/** A slow task outlives every test; a waited one is done before the parking Wait ends; others take 2 s. */
function taskLength(task: SimTask): number {
	const prompt = String(task.body.prompt ?? '');
	if (prompt.includes(SLOW_TASK)) return 3_600_000;
	if (prompt.includes(WAITED_TASK)) return 20_000;
	return 2_000;
}

// n8n's defaults notice a dead worker's job after 60-90 s (lock 60 s, stall check every 30 s): these
// documented settings make it 10-15 s, so the kill case is short. They change when, not what, n8n does.
const STALL_SETTINGS = { QUEUE_WORKER_LOCK_DURATION: '10000', QUEUE_WORKER_LOCK_RENEW_TIME: '2500', QUEUE_WORKER_STALLED_INTERVAL: '5000' };

let sim: Simulator;
let queue: QueueMode;
/** Every webhook answer's text, for the key search at the end. */
const answers: string[] = [];
const seconds = (from: number, to: number) => Number(((to - from) / 1000).toFixed(1));

async function call(path: string, body: unknown) {
	const response = await queue.webhook(path, body);
	const bytes = Buffer.from(await response.arrayBuffer());
	answers.push(bytes.toString('latin1'));
	return { status: response.status, bytes, json: () => JSON.parse(bytes.toString('utf8')) };
}

function submitsSince(mark: number) {
	return sim.log.slice(mark).filter((entry) => entry.kind === 'submit');
}

beforeAll(async () => {
	sim = await startSimulator({ apiKey: `queue-${randomBytes(8).toString('hex')}`, durationMs: taskLength, videoBytes: VIDEO_BYTES });
	queue = await startQueueMode({
		credentials: [odiRouterCredential({ apiKey: sim.apiKey, baseUrl: sim.baseUrl })],
		workflows: [videoPerCall, batchOfItems, operations, resultById, longWait, crashSafe(PARKING_WAIT_S)],
		workers: 2,
		concurrency: 5,
		env: STALL_SETTINGS,
	});
});

afterAll(async () => {
	await queue?.stop();
	await sim?.close();
});

describe('n8n in queue mode (Redis, PostgreSQL, main + 2 workers)', () => {
	it('answers 8 webhook calls made at once, each with its video from database binary mode and one submit, run on the workers', async () => {
		const mark = sim.log.length;
		const calls = await Promise.all(Array.from({ length: 8 }, (_, index) => call('odirouter-video', { prompt: `call ${index}` })));
		for (const answer of calls) {
			expect(answer.status).toBe(200);
			expect(answer.bytes.equals(sim.video)).toBe(true);
		}
		const submits = submitsSince(mark);
		expect(submits.map((entry) => entry.body?.prompt).sort()).toEqual(Array.from({ length: 8 }, (_, index) => `call ${index}`));
		const lines = submits.map((entry) => findSubmitLine(queue, String(entry.requestId)));
		expect(lines.every((line) => line?.node === 'Image to Video' && line.item === 0)).toBe(true);
		expect(submitLines(queue.main)).toEqual([]);
		const executions = lines.map((line) => line!.executionId);
		expect(new Set(executions).size).toBe(8);
		// Concurrency 5 per worker and 8 calls at once: both workers ran some, and each ran the ones it logged.
		for (const worker of queue.workers) {
			const ran = executionsStarted(worker);
			expect(ran.length).toBeGreaterThan(0);
			for (const line of lines.filter((found) => found!.process === worker.name)) expect(ran).toContain(line!.executionId);
		}
		// Besides the video, a worker's first download stores one empty file: how the node learns n8n's binary mode.
		for (const executionId of executions) {
			const sizes = await storedBinarySizes(queue, executionId);
			expect(sizes.filter((size) => size !== 0)).toEqual([VIDEO_BYTES]);
			expect(sizes.length).toBeLessThanOrEqual(2);
		}
	});

	it('runs a batch of items in one execution on one worker', async () => {
		const mark = sim.log.length;
		const answer = await call('odirouter-batch', { count: 6 });
		expect(answer.status).toBe(200);
		const items = answer.json() as Array<{ request_id: string; status: string }>;
		expect(items.map((item) => item.status)).toEqual(Array(6).fill('completed'));
		const submits = submitsSince(mark);
		expect(submits).toHaveLength(6);
		expect(new Set(items.map((item) => item.request_id))).toEqual(new Set(submits.map((entry) => entry.requestId)));
		const lines = items.map((item) => findSubmitLine(queue, item.request_id)!);
		expect(new Set(lines.map((line) => `${line.process} ${line.executionId}`)).size).toBe(1);
		expect(lines.map((line) => line.item).sort()).toEqual([0, 1, 2, 3, 4, 5]);
	});

	it('runs Get Status, Cancel and Get Result through the queue', async () => {
		const mark = sim.log.length;
		const answer = await call('odirouter-operations', {});
		expect(answer.status).toBe(200);
		const [{ submitted, status, cancelled, after }] = answer.json();
		expect(submitsSince(mark)).toHaveLength(1);
		expect(status).toMatchObject({ request_id: submitted.request_id, done: false });
		expect(cancelled).toEqual({ request_id: submitted.request_id, cancelled: true, result: 'CANCELLATION_REQUESTED' });
		expect(after).toMatchObject({ request_id: submitted.request_id, status: 'cancelled', done: true });

		const finished = [...sim.tasks.values()].find((task) => task.state === 'COMPLETED' && String(task.body.prompt).startsWith('call '));
		const result = await call('odirouter-result', { request_id: finished!.id });
		expect(result.status).toBe(200);
		expect(result.bytes.equals(sim.video)).toBe(true);
		expect(submitsSince(mark)).toHaveLength(1);
	});

	it('a worker killed (SIGKILL) during Submit and Wait: the request_id is in its log, one submit, the execution fails', async () => {
		const mark = sim.log.length;
		const answer = call('odirouter-long-wait', {});
		const submit = await eventually('the submit', 60_000, () => submitsSince(mark)[0]);
		const line = await eventually('the submit log line', 30_000, () => findSubmitLine(queue, String(submit.requestId)));
		const worker = queue.workers.find((candidate) => candidate.name === line.process)!;
		const killedAt = Date.now();
		await worker.kill();
		expect(worker.output()).toContain(`OdiRouter task submitted: request_id ${submit.requestId}, execution ${line.executionId}, node "Image to Video", item 0`);

		const { status } = await answer;
		const answeredAt = Date.now();
		const failed = await eventually('a final status', 120_000, async () => {
			const now = await executionStatus(queue, line.executionId);
			return ['error', 'crashed'].includes(now) ? now : undefined;
		});
		const failedAt = Date.now();
		expect(status).toBe(500);
		expect(submitsSince(mark)).toHaveLength(1);
		report(
			`killed ${worker.name} ${seconds(submit.at, killedAt)} s after the submit; webhook answered ${status} after ${seconds(killedAt, answeredAt)} s; ` +
				`execution ${line.executionId} "${failed}" within ${seconds(killedAt, failedAt)} s of the kill; request_id ${submit.requestId} found in ${worker.name}'s own log output`,
		);
		await queue.startWorker();
	});

	it(`crash-safe: the worker is killed during a ${PARKING_WAIT_S} s Wait; the execution resumes on another worker and ends with the video, one submit`, async () => {
		const mark = sim.log.length;
		const started = await call('odirouter-crash-safe', {});
		expect(started.status).toBe(200);
		const submit = await eventually('the submit', 60_000, () => submitsSince(mark)[0]);
		const line = await eventually('the submit log line', 30_000, () => findSubmitLine(queue, String(submit.requestId)));
		await eventually('the parked execution', 30_000, async () => ((await executionStatus(queue, line.executionId)) === 'waiting' ? true : undefined));
		const worker = queue.workers.find((candidate) => candidate.name === line.process)!;
		const killedAt = Date.now();
		await worker.kill();

		const resumedOn = await eventually('the resumed execution', (PARKING_WAIT_S + 60) * 1000, () =>
			queue.workers.find((other) => other !== worker && executionsStarted(other).includes(line.executionId)),
		);
		const resumedAt = Date.now();
		await eventually('the finished execution', 60_000, async () => ((await executionStatus(queue, line.executionId)) === 'success' ? true : undefined));
		const finishedAt = Date.now();
		const run = await executionRun(queue, line.executionId);
		const video = run.resultData.runData['Video']?.[0]?.data?.main[0]?.[0];
		expect(video?.json).toMatchObject({ request_id: submit.requestId, status: 'completed' });
		expect(video?.binary?.data?.mimeType).toBe('video/mp4');
		expect(await storedBinarySizes(queue, line.executionId)).toContain(VIDEO_BYTES);
		expect(submitsSince(mark)).toHaveLength(1);
		report(
			`parked execution ${line.executionId}: killed ${worker.name}; resumed on ${resumedOn.name} ${seconds(killedAt, resumedAt)} s later ` +
				`(${seconds(submit.at, resumedAt)} s after the submit), finished with the video ${seconds(killedAt, finishedAt)} s after the kill`,
		);
	});

	it('the API key is in no answer, log file, database dump or Redis key', async () => {
		const logs = readLogFiles(queue.logFolder);
		const dump = await queue.postgres.dump();
		const redis = await queue.redis.dumpAll();
		// The searches look at real content: the request IDs and Bull's queue are there.
		const someRequestId = String(submitsSince(0)[0].requestId);
		expect(dump).toContain(someRequestId);
		expect(logs.text).toContain(someRequestId);
		expect(redis.keys.some((key) => key.startsWith('bull:'))).toBe(true);
		expect(logs.files).toHaveLength(queue.workers.length + 1);
		for (const text of [...answers, logs.text, queue.postgres.daemon.output(), queue.redis.daemon.output(), dump, redis.text]) {
			expect(text).not.toContain(sim.apiKey);
		}
	});
});
