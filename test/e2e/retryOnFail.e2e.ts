import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { WorkflowDocument } from '../../scripts/n8n/examples.mjs';
import { assertSucceeded, outputOf, workflowError } from './runData';
import type { E2eSuite } from './suite';
import { startSuite, submitsSince } from './suite';
import { codeNode, linearWorkflow, manualTrigger, odiRouterNode, submitAndWaitOnPrompts } from '../../harness/workflows';

// n8n's own node setting "Retry On Fail" runs the whole node again, in the same process, with the
// same execution, run index and items (n8n-core's workflow-execute: the `tryIndex` loop calls
// runNode with the same runIndex, in 2.41.1 and 1.123.81 alike). The node gives back each task it
// already had accepted instead of paying for it again.
const FAILING_PROMPT_MARK = 'FAIL-THIS-TASK';
const STATUS_HIT_MARK = 'HIT-STATUS';
const MAX_TRIES = 2;
const retrying = { retryOnFail: true, maxTries: MAX_TRIES, waitBetweenTries: 0 };

function promptsNode(prompts: string[]) {
	return codeNode('Prompts', `return ${JSON.stringify(prompts)}.map((prompt) => ({ json: { prompt } }));`);
}

function retryingWorkflow(id: string, prompts: string[], continueOnFail: boolean): WorkflowDocument {
	return linearWorkflow(id, `e2e: Retry On Fail ${id}`, [manualTrigger(), promptsNode(prompts), { ...submitAndWaitOnPrompts({ continueOnFail }), ...retrying }]);
}

const submitNode = odiRouterNode('Submit', {
	operation: 'submit',
	imageUrl: 'https://picsum.photos/id/1015/1280/720.jpg',
	prompt: '={{ $json.prompt }}',
});

const workflows = {
	statusHit: retryingWorkflow('OdiRouterE2eRof1', ['A calm lake', `Please ${STATUS_HIT_MARK}`], false),
	oneFails: retryingWorkflow('OdiRouterE2eRof2', ['A calm lake', `Please ${FAILING_PROMPT_MARK}`], false),
	firstFailsContinue: retryingWorkflow('OdiRouterE2eRof3', [`Please ${FAILING_PROMPT_MARK}`, 'A calm lake'], true),
	submitBatch: linearWorkflow('OdiRouterE2eRof4', 'e2e: Retry On Fail OdiRouterE2eRof4', [
		manualTrigger(),
		promptsNode(['first', 'second', 'third']),
		{ ...submitNode, ...retrying },
	]),
};

describe(`n8n's Retry On Fail (Max Tries ${MAX_TRIES}) resumes accepted tasks instead of paying again`, () => {
	let suite: E2eSuite;

	beforeAll(async () => {
		suite = await startSuite({ durationMs: 2000, videoBytes: 10_000, failWhenPromptIncludes: FAILING_PROMPT_MARK });
		// Every status request about the hit task fails for the whole first try (the node's own 4 attempts), then answers.
		suite.sim.injectForTask('status', { status: 500 }, { promptIncludes: STATUS_HIT_MARK, times: 4 });
		await suite.n8n.importWorkflow(Object.values(workflows));
	});
	afterAll(async () => suite?.close());

	const promptsSubmitted = (mark: number) => submitsSince(suite.sim, mark).map((entry) => String(entry.body?.prompt));
	const tasksCreatedSince = (mark: number) => submitsSince(suite.sim, mark).filter((entry) => entry.requestId).length;

	it('an item whose status failed a whole try is waited for again: 2 items, 2 billed tasks, both videos, resumed', async () => {
		const mark = suite.sim.log.length;
		const result = await suite.n8n.execute(workflows.statusHit.id);
		assertSucceeded(result);
		expect(tasksCreatedSince(mark)).toBe(2);
		const items = outputOf(result, 'Image to Video');
		expect(items.map((item) => [item.json.status, item.json.resumed])).toEqual([
			['completed', true],
			['completed', true],
		]);
		const hitId = suite.sim.log.slice(mark).find((entry) => entry.kind === 'submit' && String(entry.body?.prompt).includes(STATUS_HIT_MARK))?.requestId;
		expect(items[1].json.request_id).toBe(hitId);
		expect(`${result.stdout}${result.stderr}`).toContain(`OdiRouter task resumed (n8n retried the node): request_id ${hitId}`);
	});

	it('a Submit batch of 3 with one 503 ends with exactly 3 billed tasks', async () => {
		const mark = suite.sim.log.length;
		suite.sim.inject('submit', { status: 503 }, [suite.sim.count('submit') + 2]);
		const result = await suite.n8n.execute(workflows.submitBatch.id);
		assertSucceeded(result);
		expect(submitsSince(suite.sim, mark)).toHaveLength(4);
		expect(tasksCreatedSince(mark)).toBe(3);
		const items = outputOf(result, 'Submit');
		expect(items.map((item) => suite.sim.tasks.get(String(item.json.request_id))?.body.prompt)).toEqual(['first', 'second', 'third']);
		expect(items.filter((item) => item.json.resumed === true)).toHaveLength(2);
	});

	it('a task that failed upstream is submitted anew; the good item is not paid twice', async () => {
		const mark = suite.sim.log.length;
		const result = await suite.n8n.execute(workflows.oneFails.id);
		expect(workflowError(result).message).toContain('The task failed');
		const prompts = promptsSubmitted(mark);
		expect(prompts.filter((prompt) => prompt === 'A calm lake')).toHaveLength(1);
		expect(prompts.filter((prompt) => prompt.includes(FAILING_PROMPT_MARK))).toHaveLength(MAX_TRIES);
	});

	it('with Continue On Fail, n8n runs the node again when the first item is an error item: only that item is submitted again', async () => {
		const mark = suite.sim.log.length;
		const result = await suite.n8n.execute(workflows.firstFailsContinue.id);
		expect(result.ok).toBe(true);
		const items = outputOf(result, 'Image to Video');
		expect(items[1].json).toMatchObject({ status: 'completed', resumed: true });
		const prompts = promptsSubmitted(mark);
		expect(prompts.filter((prompt) => prompt === 'A calm lake')).toHaveLength(1);
		expect(prompts.filter((prompt) => prompt.includes(FAILING_PROMPT_MARK))).toHaveLength(MAX_TRIES);
	});
});
