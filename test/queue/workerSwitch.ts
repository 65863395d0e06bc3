import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';

import { odiRouterCredential } from '../../scripts/n8n/examples.mjs';
import type { QueueMode } from '../../scripts/n8n/queue.mjs';
import { startQueueMode } from '../../scripts/n8n/queue.mjs';
import type { Simulator } from '../../simulator/server.mjs';
import { startSimulator } from '../../simulator/server.mjs';
import { callWebhook, LEARNING_BATCH, LEARNING_TASK_MS, learnRequest, learningWorkflow, pollAges } from '../e2e/learningWorkflow';
import { findSubmitLine } from './evidence';

export interface LearningStack {
	sim: Simulator;
	queue: QueueMode;
	stop(): Promise<void>;
}

/** The simulator (5-s tasks) and queue mode with one worker, running the learning workflow. */
export async function startLearningStack(n8nVersion?: string): Promise<LearningStack> {
	const sim = await startSimulator({ apiKey: `queue-${randomBytes(8).toString('hex')}`, durationMs: LEARNING_TASK_MS });
	let queue: QueueMode | undefined;
	try {
		queue = await startQueueMode({
			credentials: [odiRouterCredential({ apiKey: sim.apiKey, baseUrl: sim.baseUrl })],
			workflows: [learningWorkflow],
			workers: 1,
			concurrency: 5,
			n8nVersion,
		});
	} finally {
		if (!queue) await sim.close();
	}
	const started = queue;
	return {
		sim,
		queue: started,
		stop: async () => {
			await started.stop();
			await sim.close();
		},
	};
}

/** The poll ages (s) of a task polled on the cold plan, on the first worker's learned plan, and on a worker started later. */
export interface PlansAcrossWorkers {
	cold: number[];
	warm: number[];
	onSecond: number[];
}

/**
 * The learning workflow's batch teaches the only worker, which then runs one more task; that worker
 * stops, a new one starts and runs the next task. Each task's submit line names the process that ran it.
 */
export async function learnThenSwitchWorker(queue: QueueMode, sim: Simulator): Promise<PlansAcrossWorkers> {
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
	return { cold, warm, onSecond: pollAges(sim, String(fresh.request_id)) };
}
