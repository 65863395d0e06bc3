import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { WorkflowDocument } from '../../scripts/n8n/examples.mjs';
import { outputOf, workflowError } from './runData';
import type { E2eSuite } from './suite';
import { startSuite, submitsSince } from './suite';
import { codeNode, linearWorkflow, manualTrigger, submitAndWaitOnPrompts } from './workflows';

// What n8n's own node setting "Retry On Fail" does to a node that bills per submit: n8n runs the
// whole node again, for every input item, so every item is submitted (and billed) again.
const FAILING_PROMPT_MARK = 'FAIL-THIS-TASK';
const MAX_TRIES = 2;

function retryingWorkflow(id: string, prompts: string[], continueOnFail: boolean): WorkflowDocument {
	return linearWorkflow(id, `e2e: Retry On Fail ${id}`, [
		manualTrigger(),
		codeNode('Prompts', `return ${JSON.stringify(prompts)}.map((prompt) => ({ json: { prompt } }));`),
		{ ...submitAndWaitOnPrompts({ continueOnFail }), retryOnFail: true, maxTries: MAX_TRIES, waitBetweenTries: 0 },
	]);
}

const workflows = {
	oneFails: retryingWorkflow('OdiRouterE2eRof1', ['A calm lake', `Please ${FAILING_PROMPT_MARK}`], false),
	firstFailsContinue: retryingWorkflow('OdiRouterE2eRof2', [`Please ${FAILING_PROMPT_MARK}`, 'A calm lake'], true),
	secondFailsContinue: retryingWorkflow('OdiRouterE2eRof3', ['A calm lake', `Please ${FAILING_PROMPT_MARK}`], true),
};

describe(`n8n's Retry On Fail (Max Tries ${MAX_TRIES}) on Submit and Wait`, () => {
	let suite: E2eSuite;

	beforeAll(async () => {
		suite = await startSuite({ durationMs: 200, videoBytes: 10_000, failWhenPromptIncludes: FAILING_PROMPT_MARK });
		await suite.n8n.importWorkflow(Object.values(workflows));
	});
	afterAll(async () => suite?.close());

	const promptsSubmitted = (mark: number) => submitsSince(suite.sim, mark).map((entry) => String(entry.body?.prompt));

	it('one failed task makes n8n run the node again for every item: the good item is submitted and billed twice', async () => {
		const mark = suite.sim.log.length;
		const result = await suite.n8n.execute(workflows.oneFails.id);
		expect(workflowError(result).message).toContain('The task failed');
		const prompts = promptsSubmitted(mark);
		expect(prompts).toHaveLength(2 * MAX_TRIES);
		expect(prompts.filter((prompt) => prompt === 'A calm lake')).toHaveLength(MAX_TRIES);
	});

	it('with Continue On Fail, n8n still runs the node again when the first output item is an error item', async () => {
		const mark = suite.sim.log.length;
		const result = await suite.n8n.execute(workflows.firstFailsContinue.id);
		expect(result.ok).toBe(true);
		expect(outputOf(result, 'Image to Video')[1].json.status).toBe('completed');
		expect(promptsSubmitted(mark)).toHaveLength(2 * MAX_TRIES);
	});

	it('with Continue On Fail and the error item not first, the node runs once: one submit per item', async () => {
		const mark = suite.sim.log.length;
		const result = await suite.n8n.execute(workflows.secondFailsContinue.id);
		expect(result.ok).toBe(true);
		expect(String(outputOf(result, 'Image to Video')[1].json.error)).toContain('The task failed');
		expect(promptsSubmitted(mark)).toHaveLength(2);
	});
});
