import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { N8N_1_VERSION } from '../../scripts/n8n/install.mjs';
import { samePlan } from '../e2e/learningWorkflow';
import { report } from './output.mjs';
import type { LearningStack } from './workerSwitch';
import { learnThenSwitchWorker, startLearningStack } from './workerSwitch';

let stack: LearningStack;

beforeAll(async () => {
	stack = await startLearningStack(N8N_1_VERSION);
});

afterAll(async () => stack?.stop());

/**
 * n8n 1.x hands a worker the workflow's saved static data for a production execution (the webhook
 * asks for it, the job carries `loadStaticData`): there a worker that starts later plans from what
 * another worker learned. (2.41.1 does not: learnedDurations.queue.ts.)
 */
describe(`n8n ${N8N_1_VERSION} in queue mode: a new worker plans from what another worker learned`, () => {
	it('a worker started after the first one stopped polls its first task on the learned plan, not the cold one', async () => {
		const { cold, warm, onSecond } = await learnThenSwitchWorker(stack.queue, stack.sim);
		report(`learned durations across workers, n8n ${N8N_1_VERSION}: ${JSON.stringify({ cold, warm, onSecond })}`);

		expect(samePlan(cold, warm)).toBe(false);
		expect(samePlan(onSecond, warm)).toBe(true);
	});
});
