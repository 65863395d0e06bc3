import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { imageFileToVideo, loadExample, sampleImagePath, withWaitSeconds } from '../../scripts/n8n/examples.mjs';
import { copyFile, readBytes } from './files.mjs';
import { assertSucceeded, outputOf, runCount } from './runData';
import type { E2eSuite } from './suite';
import { requestsSince, startSuite, submitsSince } from './suite';

// Every example in examples/, as a user imports it (only file paths and the Wait time changed),
// run by `n8n execute` in the real n8n against the simulator.
describe(`example workflows in a real n8n ${inject('n8nVersion')}`, () => {
	let suite: E2eSuite;
	let imagePath: string;

	beforeAll(async () => {
		suite = await startSuite({ durationMs: 2500, videoBytes: 300 * 1024 });
		imagePath = `${suite.files}/first-frame.png`;
		copyFile(sampleImagePath, imagePath);
		await suite.n8n.importWorkflow([
			imageFileToVideo({ imagePath, videoFolder: suite.files }),
			loadExample('2-'),
			withWaitSeconds(loadExample('3-'), 1),
			loadExample('4-'),
		]);
	});
	afterAll(async () => suite?.close());

	it(`runs on n8n ${inject('n8nVersion')}`, async () => {
		const version = await suite.n8n.cli(['--version']);
		expect(version.stdout.trim().split('\n').at(-1)).toBe(inject('n8nVersion'));
	});

	it('1: image file → Submit and Wait → MP4 file on disk, the image sent as a data URL', async () => {
		const mark = suite.sim.log.length;
		const result = await suite.n8n.execute(loadExample('1-').id);
		assertSucceeded(result);

		const [video] = outputOf(result, 'Image to Video');
		expect(video.json.status).toBe('completed');
		expect(video.binary?.data.mimeType).toBe('video/mp4');
		expect(video.binary?.data.fileName).toBe(`${String(video.json.request_id)}.mp4`);

		const [written] = outputOf(result, 'Write Video');
		const path = String(written.json.fileName);
		expect(path).toBe(`${suite.files}/${String(video.json.request_id)}.mp4`);
		expect(readBytes(path)?.equals(suite.sim.video)).toBe(true);

		const submits = submitsSince(suite.sim, mark);
		expect(submits).toHaveLength(1);
		const sentImage = String(suite.sim.tasks.get(String(video.json.request_id))?.body.first_frame_image);
		expect(sentImage.startsWith('data:image/png;base64,')).toBe(true);
		expect(Buffer.from(sentImage.split(',')[1], 'base64').equals(readBytes(sampleImagePath) ?? Buffer.alloc(0))).toBe(true);
	});

	it('2: a batch of three image URLs runs at most three at once, one submit per item, and sums up', async () => {
		const mark = suite.sim.log.length;
		suite.sim.stats.maxActive = 0;
		const result = await suite.n8n.execute(loadExample('2-').id);
		assertSucceeded(result);

		const videos = outputOf(result, 'Images to Videos');
		expect(videos.map((item) => item.json.status)).toEqual(['completed', 'completed', 'completed']);
		expect(videos.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(videos.every((item) => item.binary?.data.mimeType === 'video/mp4')).toBe(true);

		const [summary] = outputOf(result, 'Summary');
		expect(summary.json).toMatchObject({ tasks: 3, videos: 3, failed: 0 });
		expect(summary.json.total_megabytes).toBeCloseTo((3 * suite.sim.video.length) / 1048576, 2);

		const submits = submitsSince(suite.sim, mark);
		expect(submits.map((entry) => entry.body?.first_frame_image)).toEqual(
			expect.arrayContaining([
				'https://picsum.photos/id/1015/1280/720.jpg',
				'https://picsum.photos/id/1025/720/1280.jpg',
				'https://picsum.photos/id/1043/1280/720.jpg',
			]),
		);
		expect(submits).toHaveLength(3);
		expect(suite.sim.stats.maxActive).toBeGreaterThan(1);
		expect(suite.sim.stats.maxActive).toBeLessThanOrEqual(3);
	});

	it('3: Submit → Wait → Get Status loops until done → Get Result with the video', async () => {
		const mark = suite.sim.log.length;
		const result = await suite.n8n.execute(loadExample('3-').id);
		assertSucceeded(result);

		const [submitted] = outputOf(result, 'Submit Task');
		const requestId = String(submitted.json.request_id);
		expect(requestId).toMatch(/^mmsu_/);
		// The task takes 2.5 s and the Wait 1 s: Get Status runs more than once, the last time done.
		const statusRuns = runCount(result, 'Get Status');
		expect(statusRuns).toBeGreaterThan(1);
		expect(outputOf(result, 'Get Status', 0)[0].json).toMatchObject({ request_id: requestId, done: false });
		expect(outputOf(result, 'Get Status', statusRuns - 1)[0].json).toMatchObject({ request_id: requestId, status: 'completed', done: true });

		const [video] = outputOf(result, 'Get Result');
		expect(video.json).toMatchObject({ request_id: requestId, status: 'completed' });
		expect(video.binary?.data.mimeType).toBe('video/mp4');
		const sent = requestsSince(suite.sim, mark);
		expect(sent.filter((entry) => entry.kind === 'submit')).toHaveLength(1);
		expect(sent.filter((entry) => entry.kind === 'status')).toHaveLength(statusRuns);
		expect(sent.filter((entry) => entry.kind === 'submit')[0].body).toMatchObject({ resolution: '1080P', duration: 6 });
	});

	it('4: Submit → Cancel → Get Status shows the task cancelled', async () => {
		const mark = suite.sim.log.length;
		const result = await suite.n8n.execute(loadExample('4-').id);
		assertSucceeded(result);

		const requestId = String(outputOf(result, 'Submit Task')[0].json.request_id);
		expect(outputOf(result, 'Cancel Task')[0].json).toMatchObject({ request_id: requestId, cancelled: true });
		expect(outputOf(result, 'Check Status')[0].json).toMatchObject({ request_id: requestId, status: 'cancelled', done: true });
		expect(suite.sim.tasks.get(requestId)?.state).toBe('CANCELLED');
		expect(requestsSince(suite.sim, mark).map((entry) => entry.kind)).toEqual(['submit', 'cancel', 'status']);
	});
});
