import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { odiRouterCredential } from '../../scripts/n8n/examples.mjs';
import type { QueueMode } from '../../scripts/n8n/queue.mjs';
import { startQueueMode } from '../../scripts/n8n/queue.mjs';
import type { Simulator } from '../../simulator/server.mjs';
import { startSimulator } from '../../simulator/server.mjs';
import { callWebhook, LEARNING_BATCH, LEARNING_TASK_MS, learnRequest, learningWorkflow, pollAges, samePlan } from '../e2e/learningWorkflow';
import { findSubmitLine } from './evidence';
import { report } from './output.mjs';

let sim: Simulator;
let queue: QueueMode;

beforeAll(async () => {
	sim = await startSimulator({ apiKey: `queue-${randomBytes(8).toString('hex')}`, durationMs: LEARNING_TASK_MS });
	queue = await startQueueMode({
		credentials: [odiRouterCredential({ apiKey: sim.apiKey, baseUrl: sim.baseUrl })],
		workflows: [learningWorkflow],
		workers: 1,
		concurrency: 5,
	});
});

afterAll(async () => {
	await queue?.stop();
	await sim?.close();
});

/**
 * n8n 2.41.1 in queue mode gives a worker no saved static data for a new execution: the execution's
 * workflow snapshot leaves `staticData` out (toWorkflowSnapshot) and the job asks to reload it only
 * for an existing execution (WorkflowRunner.run: existingExecution && loadStaticData). The worker
 * then saves what it has over the stored data. n8n 1.123.81 reloads it on the worker. So on 2.41.1
 * a new worker starts cold, whatever the workflow learned; this test shows that, and fails (to be
 * turned around) once n8n hands workers their static data.
 */
describe('n8n 2.41.1 in queue mode: a new worker does not get what the workflow learned', () => {
	it('a worker started after the first one stopped polls its first task on the cold plan; it then learns on its own', async () => {
		const batch = await callWebhook(queue.url, 'odirouter-learn', learnRequest(LEARNING_BATCH));
		expect(batch.map((item) => item.status)).toEqual(Array(LEARNING_BATCH).fill('completed'));
		const cold = pollAges(sim, String(batch[0].request_id));
		const [warmItem] = await callWebhook(queue.url, 'odirouter-learn', learnRequest(1));
		const warm = pollAges(sim, String(warmItem.request_id));
		expect(findSubmitLine(queue, String(warmItem.request_id))?.process).toBe('worker 1');

		await queue.workers[0].stop();
		const second = await queue.startWorker();
		const [fresh] = await callWebhook(queue.url, 'odirouter-learn', learnRequest(1));
		expect(findSubmitLine(queue, String(fresh.request_id))?.process).toBe(second.name);
		const onSecond = pollAges(sim, String(fresh.request_id));
		const [submitted] = await callWebhook(queue.url, 'odirouter-submit', {});
		report(`learned durations across workers: ${JSON.stringify({ cold, warm, onSecond, eta: submitted.eta_seconds })}`);

		expect(samePlan(cold, warm)).toBe(false);
		expect(samePlan(onSecond, cold)).toBe(true);
		// Its own first task taught it: the ETA comes from that one.
		expect(submitted.eta_seconds).toBeGreaterThanOrEqual(4);
		expect(submitted.eta_seconds).toBeLessThanOrEqual(9);
	});
});
