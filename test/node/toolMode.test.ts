import type { INodeParameters, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { afterEach, describe, expect, it } from 'vitest';

import { TOOL_DESCRIPTIONS } from '../../nodes/OdiRouter/parameters/toolDescription';
import { TOOL_MAX_WAIT_SECONDS } from '../../nodes/OdiRouter/parameters/toolMode';
import { OdiRouter } from '../../nodes/OdiRouter/OdiRouter.node';
import type { Simulator, SimulatorOptions } from '../../simulator/server.mjs';
import { startSimulator } from '../../simulator/server.mjs';
import { dataUrl, png } from '../../harness/images';
import { resumableVideoItem } from '../fixtures/toolItems';
import { runNode } from '../../harness/runNode';

const node = new OdiRouter();
const image = dataUrl(png(1280, 720));
let sim: Simulator | null = null;

async function simulator(options: SimulatorOptions = {}): Promise<Simulator> {
	sim = await startSimulator(options);
	return sim;
}

afterEach(async () => {
	await sim?.close();
	sim = null;
});

/** The parameters n8n fills in for a node with these settings: the ordinary node, or its tool variant. */
function defaults(operation: string, asTool: boolean): INodeParameters {
	const description: INodeTypeDescription = asTool ? { ...node.description, name: 'odiRouterTool' } : node.description;
	return NodeHelpers.getNodeParameters(description.properties, { operation }, true, false, null, description) as INodeParameters;
}

function downloads(server: Simulator): number {
	return server.log.filter((entry) => entry.path.startsWith('/files/')).length;
}

describe('the tool variant n8n generates (odiRouterTool)', () => {
	it('has its own defaults, and the ordinary node keeps its own', () => {
		for (const operation of ['submitAndWait', 'getResult']) {
			expect(defaults(operation, false)).toMatchObject({ downloadVideo: true, output: 'raw' });
			expect(defaults(operation, true)).toMatchObject({ downloadVideo: false, output: 'simplified' });
		}
		expect(defaults('submit', false).toolDescription).toBeUndefined();
	});

	it('defines a tool description per operation, so n8n adds no generated one', () => {
		for (const operation of Object.keys(TOOL_DESCRIPTIONS) as Array<keyof typeof TOOL_DESCRIPTIONS>) {
			expect(defaults(operation, true).toolDescription).toBe(TOOL_DESCRIPTIONS[operation]);
		}
		expect(TOOL_DESCRIPTIONS.submitAndWait).toContain(`at most ${TOOL_MAX_WAIT_SECONDS} s`);
		expect(TOOL_DESCRIPTIONS.submitAndWait).toContain('short side over 300 px, width/height between 2:5 and 5:2');
		expect(node.description.usableAsTool).toMatchObject({ replacements: { description: expect.stringContaining('AI agent') } });
	});

	it('Submit returns the request ID, the next step and the image check, nothing else', async () => {
		const server = await simulator();
		const { items, error } = await runNode({ parameters: { operation: 'submit', imageUrl: image }, credentials: { apiKey: server.apiKey, baseUrl: server.baseUrl }, asTool: true });
		expect(error).toBeNull();
		const requestId = [...server.tasks.keys()][0];
		expect(items[0].json).toEqual({
			request_id: requestId,
			status: 'queued',
			queue_position: 0,
			eta_seconds: null,
			next_step: `The video takes about 20-90 s. Then call Get Result with request_id ${requestId} (Get Status tells whether it is done; Cancel stops it).`,
			image_check: 'passed',
		});
	});

	it('Get Status and Get Result: simplified, and Get Result downloads nothing', async () => {
		const server = await simulator({ queuedPolls: 0, runningPolls: 0 });
		const credentials = { apiKey: server.apiKey, baseUrl: server.baseUrl };
		const submitted = await runNode({ parameters: { operation: 'submit', imageUrl: image }, credentials });
		const requestId = String(submitted.items[0].json.request_id);
		server.finish(requestId);

		const status = await runNode({ parameters: { operation: 'getStatus', requestId }, credentials, asTool: true });
		expect(status.items[0].json).toEqual({
			request_id: requestId,
			status: 'completed',
			done: true,
			queue_position: null,
			error: null,
			eta_seconds: 0,
			next_step: `Finished: call Get Result with request_id ${requestId} for the video URL.`,
		});

		const result = await runNode({ parameters: { operation: 'getResult', requestId }, credentials, asTool: true });
		expect(result.items[0].json).toEqual({
			request_id: requestId,
			status: 'completed',
			video_url: expect.stringContaining(`/files/${requestId}.mp4`),
			duration: 6,
			width: 1366,
			height: 768,
			file_size: server.video.length,
		});
		expect(result.items[0].binary).toBeUndefined();
		expect(downloads(server)).toBe(0);
	});

	it('Get Result of a running task says when to come back', async () => {
		const server = await simulator({ durationMs: 60_000 });
		const credentials = { apiKey: server.apiKey, baseUrl: server.baseUrl };
		const submitted = await runNode({ parameters: { operation: 'submit', imageUrl: image }, credentials });
		const requestId = String(submitted.items[0].json.request_id);
		const { items } = await runNode({ parameters: { operation: 'getResult', requestId }, credentials, asTool: true });
		expect(items[0].json).toMatchObject({ request_id: requestId, status: expect.stringMatching(/^(queued|running)$/), video_url: null });
		expect(items[0].json.next_step).toContain(`Call Get Result with request_id ${requestId} in about 30 s`);
	});

	it('Submit and Wait: when Max Wait runs out it returns the request ID to resume with, and cancels nothing', async () => {
		const server = await simulator({ durationMs: 60_000 });
		const started = Date.now();
		const { items, error } = await runNode({
			parameters: { operation: 'submitAndWait', imageUrl: image, options: { maxWait: 2, cancelOnTimeout: true } },
			credentials: { apiKey: server.apiKey, baseUrl: server.baseUrl },
			asTool: true,
		});
		expect(error).toBeNull();
		expect(Date.now() - started).toBeLessThan(6000);
		const requestId = [...server.tasks.keys()][0];
		expect(items[0].json).toEqual(resumableVideoItem(requestId, 2));
		expect(server.count('cancel')).toBe(0);
		expect(server.tasks.get(requestId)?.state).not.toBe('CANCELLED');
	});

	it('Submit and Wait: the video URL without a download, in under 1,000 characters', async () => {
		const server = await simulator({ durationMs: 1500 });
		const { items, error } = await runNode({
			parameters: { operation: 'submitAndWait', imageUrl: image, options: { pollInterval: 1 } },
			credentials: { apiKey: server.apiKey, baseUrl: server.baseUrl },
			asTool: true,
		});
		expect(error).toBeNull();
		expect(items[0].json).toMatchObject({ status: 'completed', video_url: expect.stringContaining('/files/') });
		expect(JSON.stringify([items[0].json]).length).toBeLessThan(1000);
		expect(downloads(server)).toBe(0);
	});

	it('a bad input fails with a message that names what is allowed', async () => {
		const server = await simulator();
		const { error } = await runNode({
			parameters: { operation: 'submitAndWait', imageUrl: image, resolution: '1080P', duration: 10 },
			credentials: { apiKey: server.apiKey, baseUrl: server.baseUrl },
			asTool: true,
		});
		expect(error?.message).toBe('Duration is 10 s, which 1080P does not offer. Allowed: 6 s with 1080P; 6 or 10 s with 768P [item 0]');
		expect(server.log).toHaveLength(0);
	});
});
