import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TOOL_DESCRIPTIONS } from '../../nodes/OdiRouter/parameters/toolDescription';
import { loadExample } from '../../scripts/n8n/examples.mjs';
import type { ExecuteResult } from '../../scripts/n8n/instance.mjs';
import { dataUrl, png } from '../../harness/images';
import { resumableVideoItem } from '../fixtures/toolItems';
import { AGENT, agentExample, scriptedModelCredential, toolName, TOOLS } from './agentWorkflow';
import { assertSucceeded } from './runData';
import type { ChatRequest, ScriptedModel } from './scriptedModel.mjs';
import { lastToolResult, startScriptedModel, toolResults } from './scriptedModel.mjs';
import type { E2eSuite } from './suite';
import { REJECTED_BEARER, requestsSince, startSuite, submitsSince, WRONG_KEY_CREDENTIAL } from './suite';

const SLOW_MARK = 'SLOW-TASK';
/** A 1280×720 JPEG the simulator serves: the node's image check reads it through n8n and passes it. */
let imageUrl = '';
const MAKE = toolName(TOOLS.makeVideo);
const START = toolName(TOOLS.startVideo);
const STATUS = toolName(TOOLS.videoStatus);
const RESULT = toolName(TOOLS.videoResult);
const CANCEL = toolName(TOOLS.cancelVideo);
const videoArgs = (extra: Record<string, unknown> = {}) => ({ image_url: imageUrl, prompt: 'The lake ripples in the wind', resolution: '768P', duration: 6, ...extra });

const workflows = {
	asImported: agentExample('OdiAgentE2eMain1'),
	wrongKey: agentExample('OdiAgentE2eKey01', (workflow) => {
		for (const node of workflow.nodes) if (node.credentials?.odiRouterApi) node.credentials.odiRouterApi = WRONG_KEY_CREDENTIAL;
	}),
	// Max Wait shortened for the test (the tool's own limit is 60 s), and the download turned on.
	shortWait: agentExample('OdiAgentE2eWait1', (workflow) => {
		for (const node of workflow.nodes) {
			if (node.name === TOOLS.makeVideo) node.parameters.options = { maxWait: 4 };
			if (node.name === TOOLS.videoResult) node.parameters.downloadVideo = true;
		}
	}),
	// n8n's Retry On Fail on the video tool (its tries keep the tool's run index; each new call gets a new one).
	retrying: agentExample('OdiAgentE2eRetry', (workflow) => {
		for (const node of workflow.nodes) {
			if (node.name === TOOLS.makeVideo) Object.assign(node, { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 });
		}
	}),
};

/** The tool result (n8n sends it as JSON text) the model got in the request after `mark`'s `offset`-th. */
function resultText(model: ScriptedModel, mark: number, offset: number): string {
	const texts = toolResults(model.requests[mark + offset]);
	return texts[texts.length - 1];
}

function requestIdIn(request: ChatRequest): string {
	const [item] = lastToolResult(request) as Array<{ request_id: string }>;
	return item.request_id;
}

function downloadsSince(suite: E2eSuite, mark: number): number {
	return requestsSince(suite.sim, mark).filter((entry) => entry.path.startsWith('/files/')).length;
}

function agentAnswer(result: ExecuteResult): unknown {
	return result.run?.data.resultData.runData[AGENT]?.at(-1)?.data?.main[0]?.[0]?.json.output;
}

describe('the node as an AI agent\'s tool, in a real n8n AI Agent with a scripted model', () => {
	let suite: E2eSuite;
	let model: ScriptedModel;

	beforeAll(async () => {
		suite = await startSuite({
			durationMs: (task) => (String(task.body.prompt).includes(SLOW_MARK) ? 600_000 : 1500),
			videoBytes: 200_000,
		});
		imageUrl = `${suite.sim.origin}/images/1280x720.jpg`;
		model = await startScriptedModel();
		await suite.n8n.importCredentials([scriptedModelCredential(loadExample('5-'), model.baseUrl)]);
		await suite.n8n.importWorkflow(Object.values(workflows));
	});
	afterAll(async () => {
		await model?.close();
		await suite?.close();
	});

	async function run(workflowId: string, script: Parameters<ScriptedModel['play']>[0]) {
		const marks = { model: model.requests.length, sim: suite.sim.log.length };
		model.play(script);
		const result = await suite.n8n.execute(workflowId);
		assertSucceeded(result);
		expect(model.remaining()).toBe(0);
		return { result, ...marks };
	}

	it('Submit and Wait: the model is sent the five tools\' schemas and gets the video URL back in under 1,000 characters, with no download', async () => {
		const { result, model: mark, sim } = await run(workflows.asImported.id, [{ tool: MAKE, args: videoArgs() }, { text: 'Here is your video.' }]);

		const tools = [...(model.requests[mark].tools ?? [])].sort((a, b) => a.function.name.localeCompare(b.function.name));
		const videoParameters = {
			image_url: { type: 'string', description: 'Public https:// URL, or data:image/...;base64, URL, of the first frame: JPG, PNG or WebP, short side over 300 px, width/height between 2:5 and 5:2' },
			prompt: { type: 'string', description: 'What happens in the video, at most 2000 characters' },
			resolution: { type: 'string', description: '768P (default) or 1080P; 1080P only for 6 second videos' },
			duration: { type: 'number', description: 'Video length in seconds: 6 or 10; 10 only at 768P' },
		};
		const requestIdParameter = { request_id: { type: 'string', description: 'The request_id a video tool returned, e.g. mmsu_0001a1b2c3d4' } };
		expect(tools.map(({ function: tool }) => ({ name: tool.name, description: tool.description, properties: tool.parameters.properties, required: [...(tool.parameters.required as string[])].sort() }))).toEqual([
			{ name: CANCEL, description: TOOL_DESCRIPTIONS.cancel, properties: requestIdParameter, required: ['request_id'] },
			{ name: MAKE, description: TOOL_DESCRIPTIONS.submitAndWait, properties: videoParameters, required: Object.keys(videoParameters).sort() },
			{ name: START, description: TOOL_DESCRIPTIONS.submit, properties: videoParameters, required: Object.keys(videoParameters).sort() },
			{ name: RESULT, description: TOOL_DESCRIPTIONS.getResult, properties: requestIdParameter, required: ['request_id'] },
			{ name: STATUS, description: TOOL_DESCRIPTIONS.getStatus, properties: requestIdParameter, required: ['request_id'] },
		]);

		const text = resultText(model, mark, 1);
		expect(text.length).toBeLessThanOrEqual(1000);
		const [submitted] = submitsSince(suite.sim, sim);
		expect(JSON.parse(text)).toEqual([
			{
				request_id: submitted.requestId,
				status: 'completed',
				video_url: expect.stringContaining(`/files/${String(submitted.requestId)}.mp4`),
				duration: 6,
				width: 1366,
				height: 768,
				file_size: 200_000,
				image_check: 'passed',
			},
		]);
		expect(submitsSince(suite.sim, sim)).toHaveLength(1);
		expect(downloadsSince(suite, sim)).toBe(0);
		expect(agentAnswer(result)).toBe('Here is your video.');
	});

	it('Submit → Get Status → Get Result, chained by the request_id the model read', async () => {
		let requestId = '';
		const { model: mark, sim } = await run(workflows.asImported.id, [
			{ tool: START, args: videoArgs() },
			(request) => ({ tool: STATUS, args: { request_id: (requestId = requestIdIn(request)) } }),
			(request) => {
				suite.sim.finish(requestIdIn(request));
				return { tool: RESULT, args: { request_id: requestId } };
			},
			{ text: 'Done.' },
		]);

		const [started, status, video] = [1, 2, 3].map((offset) => JSON.parse(resultText(model, mark, offset)) as Array<Record<string, unknown>>);
		// eta_seconds is null until the workflow has learned durations of this kind (an earlier test may have taught it).
		const eta = started[0]?.eta_seconds;
		const expected = typeof eta === 'number' ? `The video should be ready in about ${eta} s.` : 'The video takes about 20-90 s.';
		expect(started).toEqual([
			{
				request_id: requestId,
				status: 'queued',
				queue_position: 0,
				eta_seconds: eta === null ? null : expect.any(Number),
				next_step: `${expected} Then call Get Result with request_id ${requestId} (Get Status tells whether it is done; Cancel stops it).`,
				image_check: 'passed',
			},
		]);
		expect(status[0]).toMatchObject({ request_id: requestId, status: expect.stringMatching(/^(queued|running)$/), done: false, next_step: expect.stringContaining('Call Get Result') });
		expect(video[0]).toMatchObject({ request_id: requestId, status: 'completed', video_url: expect.stringContaining(`/files/${requestId}.mp4`) });
		expect(requestsSince(suite.sim, sim).map((entry) => [entry.kind, entry.requestId ?? null])).toEqual([
			['image', null],
			['submit', requestId],
			['status', requestId],
			['result', requestId],
		]);
	});

	it('Submit → Cancel: the task is cancelled upstream', async () => {
		let requestId = '';
		const { model: mark } = await run(workflows.asImported.id, [
			{ tool: START, args: videoArgs() },
			(request) => ({ tool: CANCEL, args: { request_id: (requestId = requestIdIn(request)) } }),
			{ text: 'Cancelled.' },
		]);
		expect(JSON.parse(resultText(model, mark, 2))).toEqual([{ request_id: requestId, cancelled: true, result: 'CANCELLATION_REQUESTED' }]);
		expect(suite.sim.tasks.get(requestId)?.state).toBe('CANCELLED');
	});

	it('a bad image: the model reads what is wrong and what is allowed, and nothing is sent', async () => {
		const { model: mark, sim } = await run(workflows.asImported.id, [{ tool: MAKE, args: videoArgs({ image_url: dataUrl(png(200, 200)) }) }, { text: 'Sorry.' }]);
		expect(JSON.parse(resultText(model, mark, 1))).toEqual([
			{
				error:
					'Image URL is 200×200 px: its short side, 200 px, is not over 300 px. Allowed: an image whose short side is over 300 px and whose width/height is between 2:5 (0.4) and 5:2 (2.5) [item 0]',
			},
		]);
		expect(requestsSince(suite.sim, sim)).toHaveLength(0);
	});

	it('1080P with 10 s: the model reads which durations each resolution allows, and nothing is sent', async () => {
		const { model: mark, sim } = await run(workflows.asImported.id, [{ tool: MAKE, args: videoArgs({ resolution: '1080P', duration: 10 }) }, { text: 'Sorry.' }]);
		expect(JSON.parse(resultText(model, mark, 1))).toEqual([
			{ error: 'Duration is 10 s, which 1080P does not offer. Allowed: 6 s with 1080P; 6 or 10 s with 768P [item 0]' },
		]);
		expect(requestsSince(suite.sim, sim)).toHaveLength(0);
	});

	it('a wrong API key: the model reads that the key must be fixed, not retried; one request; the key is nowhere', async () => {
		const { result, model: mark, sim } = await run(workflows.wrongKey.id, [{ tool: MAKE, args: videoArgs() }, { text: 'Sorry.' }]);
		const [{ error }] = JSON.parse(resultText(model, mark, 1)) as Array<{ error: string }>;
		expect(error).toMatch(/^The API key was rejected \(401\): .+\. Check the API key in the OdiRouter credential; trying again with the same key will not help\.$/);
		expect(requestsSince(suite.sim, sim).map((entry) => [entry.kind, entry.auth])).toEqual([['image', null], ['submit', `Bearer ${REJECTED_BEARER}`]]);
		expect(JSON.stringify(model.requests.slice(mark))).not.toContain(REJECTED_BEARER);
		expect(`${result.stdout}${result.stderr}`).not.toContain(REJECTED_BEARER);
	});

	it('the bounded wait returns a resumable item (no cancel); its request_id gets the video, downloaded only where turned on', async () => {
		let requestId = '';
		const { model: mark, sim } = await run(workflows.shortWait.id, [
			{ tool: MAKE, args: videoArgs({ prompt: `A long one ${SLOW_MARK}` }) },
			(request) => {
				requestId = requestIdIn(request);
				suite.sim.finish(requestId);
				return { tool: RESULT, args: { request_id: requestId } };
			},
			{ text: 'Here it is.' },
		]);

		expect(JSON.parse(resultText(model, mark, 1))).toEqual([resumableVideoItem(requestId, 4)]);
		const fetched = resultText(model, mark, 2);
		expect(JSON.parse(fetched)).toEqual([expect.objectContaining({ request_id: requestId, status: 'completed' })]);
		expect(fetched.length).toBeLessThanOrEqual(1000);
		const sent = requestsSince(suite.sim, sim);
		expect(sent.filter((entry) => entry.kind === 'cancel')).toHaveLength(0);
		expect(submitsSince(suite.sim, sim)).toHaveLength(1);
		expect(downloadsSince(suite, sim)).toBe(1);
	});

	it('Retry On Fail on the tool: a try whose status requests failed is resumed by the next try, one billed task', async () => {
		const prompt = 'The lake ripples RETRY-MARK';
		// Every status request of the task fails during the first try (the node's 4 attempts), then answers.
		suite.sim.injectForTask('status', { status: 500 }, { promptIncludes: 'RETRY-MARK', times: 4 });
		const { model: mark, sim } = await run(workflows.retrying.id, [{ tool: MAKE, args: videoArgs({ prompt }) }, { text: 'Here is your video.' }]);

		const submits = submitsSince(suite.sim, sim);
		expect(submits).toHaveLength(1);
		expect(JSON.parse(resultText(model, mark, 1))).toEqual([
			expect.objectContaining({ request_id: submits[0].requestId, status: 'completed', resumed: true }),
		]);
	});

	it('the agent calling again after the tool failed (status errors) gets the same task back, not a second bill', async () => {
		const args = videoArgs({ prompt: 'The lake ripples AGAIN-MARK' });
		// Every status request of the task fails during the first call (the node's 4 attempts); the tool returns the error.
		suite.sim.injectForTask('status', { status: 500 }, { promptIncludes: 'AGAIN-MARK', times: 4 });
		const { model: mark, sim } = await run(workflows.asImported.id, [{ tool: MAKE, args }, { tool: MAKE, args }, { text: 'Here it is.' }]);

		const submits = submitsSince(suite.sim, sim);
		expect(submits).toHaveLength(1);
		expect(resultText(model, mark, 1)).toContain(String(submits[0].requestId));
		expect(JSON.parse(resultText(model, mark, 2))).toEqual([
			expect.objectContaining({ request_id: submits[0].requestId, status: 'completed', resumed: true }),
		]);
	});

	it('the same video asked for twice, one after the other: two billed tasks, two videos', async () => {
		const args = videoArgs({ prompt: 'The lake ripples twice' });
		const { model: mark, sim } = await run(workflows.asImported.id, [{ tool: MAKE, args }, { tool: MAKE, args }, { text: 'Here are both.' }]);

		const submits = submitsSince(suite.sim, sim);
		expect(submits).toHaveLength(2);
		const [first, second] = [1, 2].map((offset) => JSON.parse(resultText(model, mark, offset)) as Array<Record<string, unknown>>);
		expect(first[0].request_id).toBe(submits[0].requestId);
		expect(second[0]).toMatchObject({ request_id: submits[1].requestId, status: 'completed' });
		expect(second[0].resumed).toBeUndefined();
	});

	it('two videos of one image and prompt asked for at once (two tool calls in one turn): two billed tasks, two videos', async () => {
		const args = videoArgs({ prompt: 'The lake ripples in two takes' });
		const { model: mark, sim } = await run(workflows.asImported.id, [{ tools: [{ tool: MAKE, args }, { tool: MAKE, args }] }, { text: 'Here are both.' }]);

		const submits = submitsSince(suite.sim, sim);
		expect(submits).toHaveLength(2);
		const results = toolResults(model.requests[mark + 1]).map((text) => (JSON.parse(text) as Array<Record<string, unknown>>)[0]);
		expect(results).toHaveLength(2);
		expect(new Set(results.map((result) => result.request_id))).toEqual(new Set(submits.map((submit) => submit.requestId)));
		expect(results.map((result) => [result.status, result.resumed])).toEqual([
			['completed', undefined],
			['completed', undefined],
		]);
	});
});
