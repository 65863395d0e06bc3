import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { callWebhook, samePlan } from '../e2e/learningWorkflow';
import { report } from './output.mjs';
import type { LearningStack } from './workerSwitch';
import { learnThenSwitchWorker, startLearningStack } from './workerSwitch';

let stack: LearningStack;

beforeAll(async () => {
	stack = await startLearningStack();
});

afterAll(async () => stack?.stop());

/**
 * n8n 2.41.1 in queue mode gives a worker no saved static data for a new execution: the execution's
 * workflow snapshot leaves `staticData` out (toWorkflowSnapshot) and the job asks to reload it only
 * for an existing execution (WorkflowRunner.run: existingExecution && loadStaticData). The worker
 * then saves what it has over the stored data. n8n 1.123.81 reloads it (learnedDurationsN8n1.queue.ts). So on 2.41.1
 * a new worker starts cold, whatever the workflow learned; this test shows that, and fails (to be
 * turned around) once n8n hands workers their static data.
 */
describe('n8n 2.41.1 in queue mode: a new worker does not get what the workflow learned', () => {
	it('a worker started after the first one stopped polls its first task on the cold plan; it then learns on its own', async () => {
		const { cold, warm, onSecond } = await learnThenSwitchWorker(stack.queue, stack.sim);
		const [submitted] = await callWebhook(stack.queue.url, 'odirouter-submit', {});
		report(`learned durations across workers: ${JSON.stringify({ cold, warm, onSecond, eta: submitted.eta_seconds })}`);

		expect(samePlan(cold, warm)).toBe(false);
		expect(samePlan(onSecond, cold)).toBe(true);
		// Its own first task taught it: the ETA comes from that one.
		expect(submitted.eta_seconds).toBeGreaterThanOrEqual(4);
		expect(submitted.eta_seconds).toBeLessThanOrEqual(9);
	});
});
