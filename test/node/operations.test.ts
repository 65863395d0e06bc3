import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Simulator } from '../../simulator/server.mjs';
import { startSimulator } from '../../simulator/server.mjs';
import { dataUrl, jpeg, png } from '../../harness/images';
import { binaryItem } from '../../harness/items';
import { binaryBytes, runNode } from '../../harness/runNode';

let sim: Simulator;
const image = dataUrl(png(1280, 720));

function credentials() {
	return { apiKey: sim.apiKey, baseUrl: sim.baseUrl };
}

beforeEach(async () => {
	sim = await startSimulator({ queuedPolls: 1, runningPolls: 1 });
});

afterEach(async () => {
	await sim.close();
});

describe('Submit', () => {
	it('sends the task and returns the upstream ids and URLs', async () => {
		const { items, error } = await runNode({
			parameters: { operation: 'submit', imageUrl: image, prompt: 'A cat', cameraMovements: ['左移', '推进'] },
			credentials: credentials(),
		});
		expect(error).toBeNull();
		expect(items).toHaveLength(1);
		const json = items[0].json;
		expect(json.request_id).toMatch(/^mmsu_/);
		expect(json.status_url).toContain(`/requests/${json.request_id}/status`);
		expect(json.response_url).toContain('/response');
		expect(json.cancel_url).toContain('/cancel');
		expect(json.queue_position).toBe(0);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		const submit = sim.log.find((entry) => entry.kind === 'submit');
		expect(submit?.auth).toBe(`Bearer ${sim.apiKey}`);
		expect(submit?.body).toMatchObject({ prompt: 'A cat [左移,推进]', duration: 6, resolution: '768P' });
		expect(submit?.body).not.toHaveProperty('prompt_optimizer');
		expect(submit?.body).not.toHaveProperty('aigc_watermark');
	});

	it('sends only the settings that differ from the provider defaults', async () => {
		await runNode({
			parameters: {
				operation: 'submit',
				imageUrl: `${sim.origin}/images/1280x720.jpg`,
				promptOptimizer: false,
				fastPretreatment: true,
				aigcWatermark: true,
				resolution: '1080P',
				duration: 6,
			},
			credentials: credentials(),
		});
		const body = sim.log.find((entry) => entry.kind === 'submit')?.body;
		expect(body).toEqual({
			first_frame_image: `${sim.origin}/images/1280x720.jpg`,
			duration: 6,
			resolution: '1080P',
			prompt_optimizer: false,
			aigc_watermark: true,
		});
	});

	it('turns a binary image from a previous node into a data URL of its real type', async () => {
		const bytes = png(800, 600);
		const { error } = await runNode({
			parameters: { operation: 'submit', imageSource: 'binary', binaryPropertyName: 'photo' },
			items: [binaryItem(bytes, 'photo.jpg', 'image/jpeg', 'photo')],
			credentials: credentials(),
		});
		expect(error).toBeNull();
		const sent = sim.log.find((entry) => entry.kind === 'submit')?.body?.first_frame_image as string;
		expect(sent.startsWith('data:image/png;base64,')).toBe(true);
	});

	it('submits every item, in order, with its own pairing', async () => {
		const { items } = await runNode({
			parameters: { operation: 'submit', imageUrl: '={{ $json.url }}' },
			items: [0, 1, 2].map((n) => ({ json: { url: `${sim.origin}/images/1280x720.png?n=${n}` } })),
			credentials: credentials(),
		});
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(sim.count('submit')).toBe(3);
	});
});

describe('Get Status', () => {
	it('normalises the queue words and marks final states', async () => {
		const submitted = await runNode({ parameters: { operation: 'submit', imageUrl: image }, credentials: credentials() });
		const requestId = submitted.items[0].json.request_id as string;
		const seen: string[] = [];
		for (let poll = 0; poll < 3; poll++) {
			const { items, error } = await runNode({
				parameters: { operation: 'getStatus', requestId },
				credentials: credentials(),
			});
			expect(error).toBeNull();
			seen.push(`${items[0].json.status}:${items[0].json.done}`);
			expect(items[0].json).toHaveProperty('raw');
			expect(items[0].json).toHaveProperty('error', null);
		}
		expect(seen).toEqual(['running:false', 'completed:true', 'completed:true']);
	});

	it('reports COMPLETED with an error as failed, with the error type', async () => {
		await sim.close();
		sim = await startSimulator({ queuedPolls: 0, runningPolls: 0, failWhenPromptIncludes: 'FAIL' });
		const submitted = await runNode({ parameters: { operation: 'submit', imageUrl: image, prompt: 'FAIL please' }, credentials: credentials() });
		const { items } = await runNode({
			parameters: { operation: 'getStatus', requestId: submitted.items[0].json.request_id },
			credentials: credentials(),
		});
		expect(items[0].json).toMatchObject({ status: 'failed', done: true, error_type: 'INFERENCE_FAILURE' });
		expect(items[0].json.error).toContain('Inference failed');
	});

	it('gives a clear error for an unknown request id', async () => {
		const { error } = await runNode({ parameters: { operation: 'getStatus', requestId: 'mmsu_nothing' }, credentials: credentials() });
		expect(error?.message).toContain('404');
		expect(error?.message).toContain('mmsu_nothing');
		expect(error?.httpCode).toBe('404');
	});
});

describe('Get Result', () => {
	async function submitOne() {
		const { items } = await runNode({ parameters: { operation: 'submit', imageUrl: image }, credentials: credentials() });
		return items[0].json.request_id as string;
	}

	it('says "not finished yet" as an item while the task runs', async () => {
		const requestId = await submitOne();
		const { items, error } = await runNode({ parameters: { operation: 'getResult', requestId }, credentials: credentials() });
		expect(error).toBeNull();
		expect(items[0].json).toMatchObject({ request_id: requestId, status: 'queued', video_url: null });
		expect(items[0].binary).toBeUndefined();
	});

	it('returns the video URL, its metadata and the video as binary data, without sending the key to the video host', async () => {
		await sim.close();
		sim = await startSimulator({ queuedPolls: 0, runningPolls: 0, separateVideoHost: true, videoBytes: 300_000 });
		const requestId = await submitOne();
		await runNode({ parameters: { operation: 'getStatus', requestId }, credentials: credentials() });
		const { items, error } = await runNode({
			parameters: { operation: 'getResult', requestId, options: { binaryPropertyOutput: 'video' } },
			credentials: credentials(),
		});
		expect(error).toBeNull();
		const json = items[0].json;
		expect(json).toMatchObject({ status: 'completed', content_type: 'video/mp4', file_size: 300_000, width: 1366, height: 768, duration: 6 });
		expect(json.video_url).toContain(sim.videoOrigin);
		const binary = items[0].binary?.video;
		expect(binary?.mimeType).toBe('video/mp4');
		expect(binary?.fileName).toBe(`${requestId}.mp4`);
		expect(binary?.bytes).toBe(300_000);
		expect((await binaryBytes(binary)).equals(sim.video)).toBe(true);
		const download = sim.log.find((entry) => entry.host === 'video');
		expect(download).toBeDefined();
		expect(download?.auth).toBeNull();
	});

	it('returns only the URL when Download Video is off', async () => {
		await sim.close();
		sim = await startSimulator({ queuedPolls: 0, runningPolls: 0 });
		const requestId = await submitOne();
		const { items } = await runNode({ parameters: { operation: 'getResult', requestId, downloadVideo: false }, credentials: credentials() });
		expect(items[0].json.video_url).toMatch(/\.mp4$/);
		expect(items[0].binary).toBeUndefined();
		expect(sim.count('file')).toBe(0);
	});

	for (const shape of ['video_url', 'video.url', 'file.download_url'] as const) {
		it(`finds the video in the "${shape}" shape`, async () => {
			await sim.close();
			sim = await startSimulator({ queuedPolls: 0, runningPolls: 0, resultShape: shape });
			const requestId = await submitOne();
			const { items, error } = await runNode({ parameters: { operation: 'getResult', requestId }, credentials: credentials() });
			expect(error).toBeNull();
			expect(items[0].json.video_url).toContain(`/files/${requestId}.mp4`);
			expect(items[0].binary?.data?.mimeType).toBe('video/mp4');
			for (const field of ['content_type', 'file_name', 'file_size', 'duration', 'width', 'height']) {
				expect(items[0].json).toHaveProperty(field);
			}
		});
	}
});

describe('Cancel', () => {
	it('cancels a running task', async () => {
		const { items: submitted } = await runNode({ parameters: { operation: 'submit', imageUrl: image }, credentials: credentials() });
		const requestId = submitted[0].json.request_id as string;
		const { items, error } = await runNode({ parameters: { operation: 'cancel', requestId }, credentials: credentials() });
		expect(error).toBeNull();
		expect(items[0].json).toEqual({ request_id: requestId, cancelled: true, result: 'CANCELLATION_REQUESTED' });
		expect(sim.log.find((entry) => entry.kind === 'cancel')?.method).toBe('PUT');
	});

	it('reports an already finished task as an ordinary item', async () => {
		await sim.close();
		sim = await startSimulator({ queuedPolls: 0, runningPolls: 0 });
		const { items: submitted } = await runNode({ parameters: { operation: 'submit', imageUrl: image }, credentials: credentials() });
		const requestId = submitted[0].json.request_id as string;
		await runNode({ parameters: { operation: 'getStatus', requestId }, credentials: credentials() });
		const { items, error } = await runNode({ parameters: { operation: 'cancel', requestId }, credentials: credentials() });
		expect(error).toBeNull();
		expect(items[0].json).toEqual({ request_id: requestId, cancelled: false, result: 'ALREADY_COMPLETED' });
	});

	it('fails clearly for an unknown task', async () => {
		const { error } = await runNode({ parameters: { operation: 'cancel', requestId: 'mmsu_unknown' }, credentials: credentials() });
		expect(error?.message).toMatch(/^Not found \(404\).*mmsu_unknown.*check the Request ID and the Model/);
	});
});

describe('JPEG and API errors', () => {
	it('passes the upstream validation message through', async () => {
		sim.inject('submit', { status: 422, body: { detail: [{ loc: ['body', 'first_frame_image'], msg: 'image could not be downloaded', type: 'value_error' }] } });
		const { error } = await runNode({ parameters: { operation: 'submit', imageUrl: dataUrl(jpeg(640, 480), 'image/jpeg') }, credentials: credentials() });
		expect(error?.message).toContain('body.first_frame_image: image could not be downloaded');
		expect(error?.httpCode).toBe('422');
	});

	it('passes the gateway error shape through', async () => {
		const { error } = await runNode({ parameters: { operation: 'getStatus', requestId: 'mmsu_x' }, credentials: { apiKey: 'wrong-key-123', baseUrl: sim.baseUrl } });
		expect(error?.message).toContain('UNAUTHORIZED: Invalid or missing API key');
		expect(error?.httpCode).toBe('401');
		expect(sim.count('status')).toBe(1);
	});
});
