import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { EXAMPLE_CREDENTIAL } from '../../scripts/n8n/examples.mjs';
import { png } from '../../harness/images';
import { assertSucceeded, outputOf, workflowError } from './runData';
import type { E2eSuite } from './suite';
import { REJECTED_BEARER, requestsSince, startSuite, submitsSince, WRONG_KEY_CREDENTIAL } from './suite';
import { codeNode, linearWorkflow, manualTrigger, odiRouterNode, submitAndWaitOnPrompts } from '../../harness/workflows';

const FAILING_PROMPT_MARK = 'FAIL-THIS-TASK';
const image = png(1280, 720);

const workflows = {
	binaryFromCode: linearWorkflow('OdiRouterE2eBin1', 'e2e: binary image from a Code node', [
		manualTrigger(),
		codeNode(
			'Make Image',
			`const bytes = Buffer.from('${image.toString('base64')}', 'base64');
return [{ json: {}, binary: { photo: await this.helpers.prepareBinaryData(bytes, 'photo.png', 'image/png') } }];`,
		),
		odiRouterNode('Image to Video', {
			operation: 'submitAndWait',
			imageSource: 'binary',
			binaryPropertyName: 'photo',
			prompt: 'The photo comes alive',
			options: { binaryPropertyOutput: 'video', pollInterval: 1 },
		}),
	]),
	continueOnFail: linearWorkflow('OdiRouterE2eCof1', 'e2e: Continue On Fail keeps the request ID', [
		manualTrigger(),
		codeNode('Prompts', `return ['A calm lake at dawn', 'Please ${FAILING_PROMPT_MARK}'].map((prompt) => ({ json: { prompt } }));`),
		submitAndWaitOnPrompts({ continueOnFail: true }),
	]),
	errorOutput: linearWorkflow('OdiRouterE2eCof2', 'e2e: the error output gets the failed item', [
		manualTrigger(),
		codeNode('Prompts', `return ['A calm lake at dawn', 'Please ${FAILING_PROMPT_MARK}'].map((prompt) => ({ json: { prompt } }));`),
		{ ...submitAndWaitOnPrompts(), onError: 'continueErrorOutput' },
	]),
	wrongKey: linearWorkflow('OdiRouterE2eKey1', 'e2e: wrong API key', [
		manualTrigger(),
		odiRouterNode(
			'Submit Task',
			{ operation: 'submit', imageUrl: 'https://picsum.photos/id/1015/1280/720.jpg', prompt: 'A calm lake' },
			{ credential: WRONG_KEY_CREDENTIAL },
		),
	]),
	customApiCall: linearWorkflow('OdiRouterE2eHttp', 'e2e: HTTP Request node with the OdiRouter credential', [
		manualTrigger(),
		odiRouterNode('Submit Task', { operation: 'submit', imageUrl: 'https://picsum.photos/id/1015/1280/720.jpg', prompt: 'A calm lake' }),
		{
			name: 'Custom API Call',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: { url: '={{ $json.status_url }}', authentication: 'predefinedCredentialType', nodeCredentialType: 'odiRouterApi', options: {} },
			credentials: { odiRouterApi: EXAMPLE_CREDENTIAL },
		},
	]),
	hdTenSeconds: linearWorkflow('OdiRouterE2eHd10', 'e2e: 1080P with 10 s from expressions', [
		manualTrigger(),
		codeNode('Settings', `return [{ json: { resolution: '1080P', duration: 10 } }];`),
		odiRouterNode('Submit Task', {
			operation: 'submit',
			imageUrl: 'https://picsum.photos/id/1015/1280/720.jpg',
			prompt: 'A calm lake',
			resolution: '={{ $json.resolution }}',
			duration: '={{ $json.duration }}',
		}),
	]),
};

describe('the node in a real n8n: binary data, errors, validation', () => {
	let suite: E2eSuite;

	beforeAll(async () => {
		suite = await startSuite({ durationMs: 1500, videoBytes: 200_000, failWhenPromptIncludes: FAILING_PROMPT_MARK });
		await suite.n8n.importWorkflow(Object.values(workflows));
	});
	afterAll(async () => suite?.close());

	it('takes the image from a previous node\'s binary field and puts the MP4 into the chosen output field', async () => {
		const mark = suite.sim.log.length;
		const result = await suite.n8n.execute(workflows.binaryFromCode.id);
		assertSucceeded(result);

		const [item] = outputOf(result, 'Image to Video');
		const requestId = String(item.json.request_id);
		expect(item.json.status).toBe('completed');
		expect(item.json.file_size).toBe(suite.sim.video.length);
		expect(item.binary?.video).toMatchObject({ mimeType: 'video/mp4', fileName: `${requestId}.mp4`, fileExtension: 'mp4' });
		expect(item.binary?.video.bytes).toBe(200_000);
		expect(item.binary?.video.fileSize).toBe('200 kB');
		expect(suite.sim.tasks.get(requestId)?.body.first_frame_image).toBe(`data:image/png;base64,${image.toString('base64')}`);
		expect(submitsSince(suite.sim, mark)).toHaveLength(1);
	});

	it('with Continue On Fail, a failed task becomes an error item carrying its request ID; the other item succeeds', async () => {
		const mark = suite.sim.log.length;
		const result = await suite.n8n.execute(workflows.continueOnFail.id);
		assertSucceeded(result);

		const [good, failed] = outputOf(result, 'Image to Video');
		expect(good.json.status).toBe('completed');
		expect(String(failed.json.error)).toMatch(/Inference failed/);
		const failedTask = [...suite.sim.tasks.values()].find((task) => String(task.body.prompt).includes(FAILING_PROMPT_MARK) && task.createdAt >= suite.sim.log[mark].at);
		expect(failed.json.request_id).toBe(failedTask?.id);
		expect(failed.pairedItem).toEqual({ item: 1 });
		// One submit per item, never a second one for the failed task.
		expect(submitsSince(suite.sim, mark)).toHaveLength(2);
	});

	it('with On Error: Continue (using error output), the failed item goes to the error output with its request ID', async () => {
		const mark = suite.sim.log.length;
		const result = await suite.n8n.execute(workflows.errorOutput.id);
		assertSucceeded(result);

		const [success, errors] = [0, 1].map((output) => result.run?.data.resultData.runData['Image to Video']?.[0]?.data?.main[output] ?? []);
		expect(success.map((item) => item.json.status)).toEqual(['completed']);
		expect(errors).toHaveLength(1);
		expect(String(errors[0].json.error)).toMatch(/Inference failed/);
		// n8n keeps only `error` in an error-output item's JSON: the request ID travels in the message.
		const failedTask = [...suite.sim.tasks.values()].find((task) => String(task.body.prompt).includes(FAILING_PROMPT_MARK) && task.createdAt >= suite.sim.log[mark].at);
		expect(String(errors[0].json.error)).toContain(`Request ID: ${failedTask?.id}.`);
		expect(submitsSince(suite.sim, mark)).toHaveLength(2);
	});

	it('a wrong API key stops the run with an authorization error, one request, and the key in no output', async () => {
		const mark = suite.sim.log.length;
		const result = await suite.n8n.execute(workflows.wrongKey.id);
		expect(result.ok).toBe(false);
		expect(result.code).not.toBe(0);

		const error = workflowError(result);
		expect(error.node?.name).toBe('Submit Task');
		expect(error.httpCode).toBe('401');
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toMatch(/^The API key was rejected \(401\): .+\. Check the API key in the OdiRouter credential; trying again with the same key will not help\.$/);
		expect(error.description).toBe('OdiRouter answered 401.');
		const sent = requestsSince(suite.sim, mark);
		expect(sent.map((entry) => [entry.kind, entry.auth])).toEqual([['submit', `Bearer ${REJECTED_BEARER}`]]);
		expect(`${result.stdout}${result.stderr}`).not.toContain(REJECTED_BEARER);
	});

	it('n8n\'s "Custom API Call": the HTTP Request node can use the OdiRouter credential for any endpoint', async () => {
		const mark = suite.sim.log.length;
		const result = await suite.n8n.execute(workflows.customApiCall.id);
		assertSucceeded(result);

		const requestId = String(outputOf(result, 'Submit Task')[0].json.request_id);
		expect(outputOf(result, 'Custom API Call')[0].json).toMatchObject({ request_id: requestId, status: expect.any(String) });
		expect(requestsSince(suite.sim, mark).map((entry) => [entry.kind, entry.auth])).toEqual([
			['submit', `Bearer ${suite.sim.apiKey}`],
			['status', `Bearer ${suite.sim.apiKey}`],
		]);
	});

	it('1080P with 10 s, both from expressions, is refused before any request, naming the field and what is allowed', async () => {
		const mark = suite.sim.log.length;
		const result = await suite.n8n.execute(workflows.hdTenSeconds.id);
		expect(result.ok).toBe(false);

		const error = workflowError(result);
		expect(error.node?.name).toBe('Submit Task');
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe('Duration is 10 s, which 1080P does not offer. Allowed: 6 s with 1080P; 6 or 10 s with 768P [item 0]');
		expect(error.description).toBe('Nothing was sent to OdiRouter for this item. Change Duration (or the expression or input that fills it) and run again.');
		expect(requestsSince(suite.sim, mark)).toHaveLength(0);
	});
});
