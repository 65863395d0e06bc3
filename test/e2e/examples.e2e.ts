import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import type { WorkflowDocument } from '../../scripts/n8n/examples.mjs';
import { imageFileToVideo, loadExample, loadExamples, nodeNamed, sampleImagePath } from '../../scripts/n8n/examples.mjs';
import { copyFile, readBytes } from './files.mjs';
import { nodeCatalog, unknownToN8n } from './nodeCatalog.mjs';
import { assertSucceeded, outputOf, runCount, workflowError } from './runData';
import type { E2eSuite } from './suite';
import { requestsSince, startSuite, submitsSince } from './suite';
import { manualTriggerSettings, readFileNode, rowsNode, rowUpdateNode, withNodeReplaced, writeFileNode } from '../../harness/workflows';

const TASK_MS = 2500;
/** A prompt with this in it makes a task that does not finish within the test (a day). */
const NEVER_FINISHES = 'NEVER-FINISHES';
/** A prompt with this in it makes a task that fails. */
const FAILS = 'THIS-ROW-FAILS';

/** Example 3 with the Wait's floor of 65 s lowered to 1 s and, if given, another limit on the checks. */
function longJobExample(maxChecks?: number): WorkflowDocument {
	const workflow = loadExample('3-');
	const wait = nodeNamed(workflow, 'Wait');
	const lowered = String(wait.parameters.amount).replace(', 65)', ', 1)');
	if (lowered === wait.parameters.amount) throw new Error(`Example 3's Wait is no longer ${String(wait.parameters.amount)}`);
	wait.parameters.amount = lowered;
	if (maxChecks !== undefined) nodeNamed(workflow, 'Too Many Checks?').parameters.conditions.conditions[0].rightValue = maxChecks;
	return { ...workflow, id: maxChecks === undefined ? workflow.id : `${workflow.id}x` };
}

/** A task submitted straight to the simulator, as one submitted before a restart would be. */
async function submitOutsideN8n(suite: E2eSuite, prompt: string): Promise<string> {
	const response = await fetch(`${suite.sim.baseUrl}/v1/queue/minimax_hailuo_23_fast_i2v`, {
		method: 'POST',
		headers: { authorization: `Bearer ${suite.sim.apiKey}`, 'content-type': 'application/json' },
		body: JSON.stringify({ first_frame_image: 'https://picsum.photos/id/1015/1280/720.jpg', prompt }),
	});
	return String(((await response.json()) as { request_id: string }).request_id);
}

function odiRouterNodesOf(workflow: WorkflowDocument) {
	return workflow.nodes.filter((node) => node.type.startsWith('n8n-nodes-odirouter.'));
}

// Every example in examples/, imported as a user imports it; then run by `n8n execute` in the real
// n8n against the simulator with only file paths, Wait times and the Google nodes changed (n8n's own
// file, Code and Edit Fields nodes stand in for Google Drive and Sheets; the OdiRouter nodes stay as
// they are).
describe(`example workflows in a real n8n ${inject('n8nVersion')}`, () => {
	let suite: E2eSuite;
	let imagePath: string;
	let slowTasks = false;

	const driveExample = () => {
		const example = loadExample('6-');
		const upload = nodeNamed(example, 'Upload Video').parameters;
		const swapped = withNodeReplaced(example, 'Download Image', readFileNode(imagePath, 'data'));
		return withNodeReplaced(swapped, 'Upload Video', writeFileNode(`=${suite.files}/${String(upload.name).slice(1)}`, String(upload.inputDataFieldName)));
	};

	const sheetRows = [
		{ row_number: 2, image_url: 'https://picsum.photos/id/1015/1280/720.jpg', prompt: 'Waves roll onto the beach', video_url: '', request_id: '', status: '', error: '' },
		{ row_number: 3, image_url: 'https://picsum.photos/id/1025/720/1280.jpg', prompt: 'Already made', video_url: 'https://cdn.example.com/old.mp4', request_id: 'mmsu_old', status: 'done', error: '' },
		{ row_number: 4, image_url: 'https://picsum.photos/id/1043/1280/720.jpg', prompt: `A storm gathers ${FAILS}`, video_url: '', request_id: '', status: 'failed', error: 'yesterday' },
		{ row_number: 5, image_url: 'https://picsum.photos/id/1050/1280/720.jpg', prompt: 'Snow falls on the forest', video_url: '', request_id: '', status: '', error: '' },
	];
	const sheetExample = () => {
		const example = loadExample('7-');
		const columns = (name: string) => nodeNamed(example, name).parameters.columns.value as Record<string, unknown>;
		// `n8n execute` starts a workflow only at a manual trigger.
		let swapped = withNodeReplaced(example, 'Every Night', manualTriggerSettings);
		swapped = withNodeReplaced(swapped, 'Read Rows', rowsNode(sheetRows));
		swapped = withNodeReplaced(swapped, 'Write Video', rowUpdateNode(columns('Write Video')));
		return withNodeReplaced(swapped, 'Write Error', rowUpdateNode(columns('Write Error')));
	};

	/** Example 8 with this request ID pasted, under its own workflow ID. */
	const requestIdExample = (requestId: string, id: string) => {
		const workflow = loadExample('8-');
		nodeNamed(workflow, 'Get Result').parameters.requestId = requestId;
		return { ...workflow, id };
	};
	/** Tasks submitted outside n8n, whose request IDs the example 8 runs paste: one finished, one still running. */
	const pasted = { done: '', running: '' };

	beforeAll(async () => {
		const durationMs = (task: { body: { prompt?: string } }) =>
			slowTasks || String(task.body.prompt).includes(NEVER_FINISHES) ? 86_400_000 : TASK_MS;
		// n8n 1.123's `n8n execute` cuts its printed run data at about 1 MiB: small videos keep it whole.
		suite = await startSuite({ durationMs, videoBytes: 100 * 1024, failWhenPromptIncludes: FAILS });
		imagePath = `${suite.files}/first-frame.png`;
		copyFile(sampleImagePath, imagePath);
		pasted.running = await submitOutsideN8n(suite, `A kite climbs ${NEVER_FINISHES}`);
		pasted.done = await submitOutsideN8n(suite, 'A kite climbs');
		// Each file exactly as a user imports it, then the runnable versions over them (same IDs).
		await suite.n8n.importWorkflow(loadExamples().map(({ workflow }) => workflow));
		await suite.n8n.importWorkflow([
			imageFileToVideo({ imagePath, videoFolder: suite.files }),
			longJobExample(),
			longJobExample(2),
			driveExample(),
			sheetExample(),
			requestIdExample(pasted.running, 'OdiRouterExamp08r'),
			requestIdExample(pasted.done, 'OdiRouterExamp08d'),
		]);
	});
	afterAll(async () => suite?.close());

	it('every example uses only node types, versions, parameters and credentials this n8n ships', () => {
		const catalog = nodeCatalog(inject('n8nVersion'));
		const problems = loadExamples().flatMap(({ file, workflow }) => unknownToN8n(workflow, catalog).map((problem) => `${file}: ${problem}`));
		expect(problems).toEqual([]);
	});

	it('the runs below change no OdiRouter node of an example', () => {
		expect(odiRouterNodesOf(driveExample())).toEqual(odiRouterNodesOf(loadExample('6-')));
		expect(odiRouterNodesOf(sheetExample())).toEqual(odiRouterNodesOf(loadExample('7-')));
		expect(odiRouterNodesOf(longJobExample(2))).toEqual(odiRouterNodesOf(loadExample('3-')));
	});

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
		// Tasks that never finish (examples 3 and 8 below) stay active: count only this run's.
		const activeBefore = suite.sim.stats.active;
		suite.sim.stats.maxActive = activeBefore;
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
		expect(suite.sim.stats.maxActive - activeBefore).toBeGreaterThan(1);
		expect(suite.sim.stats.maxActive - activeBefore).toBeLessThanOrEqual(3);
	});

	it('3: Submit → Wait (eta_seconds, at least the floor) → Get Status until done → Get Result with the video', async () => {
		const mark = suite.sim.log.length;
		const result = await suite.n8n.execute(loadExample('3-').id);
		assertSucceeded(result);

		const [submitted] = outputOf(result, 'Submit Task');
		const requestId = String(submitted.json.request_id);
		expect(requestId).toMatch(/^mmsu_/);
		const statusRuns = runCount(result, 'Get Status');
		expect(outputOf(result, 'Get Status', statusRuns - 1)[0].json).toMatchObject({ request_id: requestId, status: 'completed', done: true });
		// Every status check that was not done went once round the loop: counted, then back to the Wait.
		expect(runCount(result, 'Count Checks')).toBe(statusRuns - 1);
		expect(runCount(result, 'Wait')).toBe(statusRuns);
		expect(runCount(result, 'Give Up')).toBe(0);

		const [video] = outputOf(result, 'Get Result');
		expect(video.json).toMatchObject({ request_id: requestId, status: 'completed' });
		expect(video.binary?.data.mimeType).toBe('video/mp4');
		const sent = requestsSince(suite.sim, mark);
		expect(sent.filter((entry) => entry.kind === 'submit')).toHaveLength(1);
		expect(sent.filter((entry) => entry.kind === 'status')).toHaveLength(statusRuns);
		expect(sent.filter((entry) => entry.kind === 'submit')[0].body).toMatchObject({ resolution: '1080P', duration: 6 });
	});

	it('3: a task that does not finish stops after the limit of checks, with an error naming the request ID', async () => {
		const mark = suite.sim.log.length;
		slowTasks = true;
		const result = await suite.n8n.execute(`${loadExample('3-').id}x`).finally(() => (slowTasks = false));

		const requestId = String(outputOf(result, 'Submit Task')[0].json.request_id);
		expect(runCount(result, 'Get Status')).toBe(2);
		expect(runCount(result, 'Give Up')).toBe(1);
		expect(workflowError(result).message).toMatch(new RegExp(`^The video was not ready after 2 checks \\(last status: (queued|running)\\)\\. Request ID: ${requestId}\\.`));
		expect(requestsSince(suite.sim, mark).map((entry) => entry.kind)).toEqual(['submit', 'status', 'status']);
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

	it('6: an image file (standing in for Google Drive) → Submit and Wait from the binary field → the MP4 file named by its request ID', async () => {
		const mark = suite.sim.log.length;
		const result = await suite.n8n.execute(loadExample('6-').id);
		assertSucceeded(result);

		const [video] = outputOf(result, 'Image to Video');
		const requestId = String(video.json.request_id);
		expect(video.json.status).toBe('completed');
		expect(video.binary?.data.mimeType).toBe('video/mp4');
		expect(outputOf(result, 'Upload Video')[0].json.fileName).toBe(`${suite.files}/${requestId}.mp4`);
		expect(readBytes(`${suite.files}/${requestId}.mp4`)?.equals(suite.sim.video)).toBe(true);

		const submits = submitsSince(suite.sim, mark);
		expect(submits).toHaveLength(1);
		expect(String(submits[0].body?.first_frame_image).startsWith('data:image/png;base64,')).toBe(true);
		expect(submits[0].body?.prompt).toContain('[推进]');
	});

	it('7: sheet rows without a video → one submit each → the video row by row, the failed row with its error and request ID', async () => {
		const mark = suite.sim.log.length;
		const result = await suite.n8n.execute(loadExample('7-').id);
		assertSucceeded(result);

		const submits = submitsSince(suite.sim, mark);
		expect(submits.map((entry) => entry.body?.prompt).sort()).toEqual(['A storm gathers THIS-ROW-FAILS', 'Snow falls on the forest', 'Waves roll onto the beach']);

		const written = outputOf(result, 'Write Video').map((item) => item.json);
		expect(written.map((row) => row.row_number)).toEqual([2, 5]);
		for (const row of written) {
			expect(row).toMatchObject({ status: 'done', error: '' });
			expect(String(row.request_id)).toMatch(/^mmsu_/);
			expect(String(row.video_url)).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/files/${String(row.request_id)}\\.mp4$`));
		}
		const [failed] = outputOf(result, 'Write Error').map((item) => item.json);
		expect(failed).toMatchObject({ row_number: 4, status: 'failed' });
		expect(String(failed.error)).toMatch(/^The task failed: Inference failed.* \(INFERENCE_FAILURE\)\. Request ID: mmsu_/);
		expect(String(failed.error)).toContain(String(failed.request_id));
		expect(outputOf(result, 'Write Error')).toHaveLength(1);
	});

	it('8: as imported, the placeholder request ID gets a message that says what is wrong', async () => {
		const result = await suite.n8n.execute(loadExample('8-').id);
		expect(result.ok).toBe(false);
		expect(workflowError(result).message).toMatch(/^Not found \(404\).*Request ID: PASTE_THE_REQUEST_ID\. No task has this request ID for this model/);
	});

	it('8: a pasted request ID gives an ordinary item while the task runs, and the video once it is done', async () => {
		const notYet = await suite.n8n.execute('OdiRouterExamp08r');
		assertSucceeded(notYet);
		const [pending] = outputOf(notYet, 'Get Result');
		expect(pending.json).toMatchObject({ request_id: pasted.running, video_url: null });
		expect(['queued', 'running']).toContain(pending.json.status);

		const doneTask = suite.sim.tasks.get(pasted.done);
		await expect.poll(() => Date.now() - Number(doneTask?.createdAt), { timeout: 10_000 }).toBeGreaterThan(TASK_MS + 100);
		const fetched = await suite.n8n.execute('OdiRouterExamp08d');
		assertSucceeded(fetched);
		const [video] = outputOf(fetched, 'Get Result');
		expect(video.json).toMatchObject({ request_id: pasted.done, status: 'completed' });
		expect(video.binary?.data.mimeType).toBe('video/mp4');
	});
});
