import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { assertSucceeded, outputOf, workflowError } from './runData';
import type { E2eSuite } from './suite';
import { requestsSince, startSuite } from './suite';
import { codeNode, linearWorkflow, manualTrigger, odiRouterNode } from '../../harness/workflows';

// A cancel that comes too late and a video link that has expired, as a user meets them in a real n8n.
const SLOW_MARK = 'SLOW';
const FAILING_PROMPT_MARK = 'FAIL-THIS-TASK';
const image = 'https://picsum.photos/id/1015/1280/720.jpg';

const waitWithCancel = (maxWait: number) =>
	odiRouterNode('Image to Video', {
		operation: 'submitAndWait',
		imageUrl: image,
		prompt: '={{ $json.prompt }}',
		downloadVideo: false,
		options: { pollInterval: 1, maxWait, cancelOnTimeout: true, maxConcurrency: 2 },
	});

const prompts = (...texts: string[]) => codeNode('Prompts', `return ${JSON.stringify(texts)}.map((prompt) => ({ json: { prompt } }));`);

const workflows = {
	tooLateOnMaxWait: linearWorkflow('OdiRouterE2eCan1', 'e2e: cancel too late on Max Wait', [manualTrigger(), prompts(`${SLOW_MARK} lake`), waitWithCancel(2)]),
	tooLateInBatch: linearWorkflow('OdiRouterE2eCan2', 'e2e: cancel too late in a stopped batch', [
		manualTrigger(),
		prompts(`${SLOW_MARK} lake`, `Please ${FAILING_PROMPT_MARK}`),
		waitWithCancel(600),
	]),
	expiredLink: linearWorkflow('OdiRouterE2eDl1', 'e2e: video link expired', [
		manualTrigger(),
		prompts('A calm lake'),
		odiRouterNode('Image to Video', { operation: 'submitAndWait', imageUrl: image, prompt: '={{ $json.prompt }}', downloadVideo: true, options: { pollInterval: 1 } }),
	]),
};

describe('cancels that come too late, and an expired video link', () => {
	let suite: E2eSuite;

	beforeAll(async () => {
		suite = await startSuite({
			durationMs: (task) => (String(task.body.prompt).includes(SLOW_MARK) ? 600_000 : 300),
			videoBytes: 10_000,
			failWhenPromptIncludes: FAILING_PROMPT_MARK,
		});
		// Every cancel finds the task finished a moment before: the API answers 400 ALREADY_COMPLETED.
		suite.sim.inject('cancel', { finishBeforeCancel: true });
		await suite.n8n.importWorkflow(Object.values(workflows));
	});
	afterAll(async () => suite?.close());

	it('on Max Wait, a task that finished before the cancel arrived is returned with its video URL, not called cancelled', async () => {
		const mark = suite.sim.log.length;
		const result = await suite.n8n.execute(workflows.tooLateOnMaxWait.id);
		assertSucceeded(result);
		const [item] = outputOf(result, 'Image to Video');
		expect(item.json).toMatchObject({ status: 'completed' });
		expect(String(item.json.video_url)).toContain('/files/');
		expect(requestsSince(suite.sim, mark).filter((entry) => entry.kind === 'cancel')).toHaveLength(1);
	});

	it('in a batch stopped by a failed item, the task whose cancel came too late is listed as finished with its request ID', async () => {
		const mark = suite.sim.log.length;
		const result = await suite.n8n.execute(workflows.tooLateInBatch.id);
		const error = workflowError(result);
		expect(error.message).toContain('The task failed');
		const slowId = requestsSince(suite.sim, mark).find((entry) => entry.kind === 'submit' && String(entry.body?.prompt).includes(SLOW_MARK))?.requestId;
		expect(error.description).toContain(`item 0: ${slowId} (finished: fetch its video with Get Result)`);
		expect(error.description).not.toContain('cancelled');
	});

	it('Submit and Wait: a video URL answering 410 is fetched once and the error names 410 and what to do', async () => {
		const mark = suite.sim.log.length;
		suite.sim.inject('file', { status: 410 });
		const result = await suite.n8n.execute(workflows.expiredLink.id);
		const requestId = String(requestsSince(suite.sim, mark).find((entry) => entry.kind === 'submit')?.requestId);
		expect(requestsSince(suite.sim, mark).filter((entry) => entry.path.startsWith('/files/'))).toHaveLength(1);
		expect(workflowError(result).message).toBe(
			`The video host refused the download (410): the video URL has expired or may not be fetched from here. Request ID: ${requestId}. Run Get Result again for a fresh video URL, or turn off Download Video to return only the URL.`,
		);
	});
});
