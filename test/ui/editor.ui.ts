import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import * as video from '../../nodes/OdiRouter/actions/video';
import { EXAMPLE_CREDENTIAL, odiRouterCredential } from '../../scripts/n8n/examples.mjs';
import type { Simulator } from '../../simulator/server.mjs';
import { PLAYABLE_CLIP, startSimulator } from '../../simulator/server.mjs';
import { screenshotFolder } from './browser.mjs';
import type { EditorSession } from './editorSession';
import { openEditor } from './editorSession';

// What a person sees in a real n8n editor in Chromium: the node's panel, its credential form and
// an executed item with its video. The steps run in order on one page, as one person would click.

const WORKFLOW_ID = 'OdiRouterUiTest01';
const NODE = 'Image to Video';
const OWNER = { email: 'ui-test@odirouter.local', firstName: 'Ui', lastName: 'Tester', password: 'OdiRouter-ui-1' };
const IMAGE_URL = 'https://picsum.photos/id/1015/1280/720.jpg';
const WRONG_KEY = ['wrong', 'ui', 'key', '4d1e'].join('-');

const workflow = {
	id: WORKFLOW_ID,
	name: 'OdiRouter in the editor',
	active: false,
	settings: { executionOrder: 'v1' },
	nodes: [
		{ id: 'b0e1c2d3-0000-4000-8000-000000000001', name: 'Run', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'b0e1c2d3-0000-4000-8000-000000000002',
			name: NODE,
			type: 'n8n-nodes-odirouter.odiRouter',
			typeVersion: 1,
			position: [240, 0],
			parameters: {
				operation: 'submitAndWait',
				imageUrl: IMAGE_URL,
				prompt: 'The sun sinks slowly behind the mountains',
				cameraMovements: ['推进'],
				options: {},
			},
			credentials: { odiRouterApi: EXAMPLE_CREDENTIAL },
		},
	],
	connections: { Run: { main: [[{ node: NODE, type: 'main', index: 0 }]] } },
};

/** The display names of Submit and Wait's Options, as the node declares them. */
function submitAndWaitOptionNames(): string[] {
	const collection = video.description.find(
		(property) => property.name === 'options' && property.displayOptions?.show?.operation?.includes('submitAndWait'),
	);
	return (collection?.options ?? []).map((option) => ('displayName' in option ? option.displayName : option.name));
}

const CAMERA_MOVES_IN_ENGLISH = [
	'Pan Left', 'Pan Right', 'Pedestal Down', 'Pedestal Up', 'Pull Out', 'Push In', 'Shake', 'Static Shot',
	'Tilt Down', 'Tilt Up', 'Tracking Shot', 'Truck Left', 'Truck Right', 'Zoom In', 'Zoom Out',
];

/** The part of a <video> element the test reads (the project compiles without the DOM library). */
interface VideoElement {
	readyState: number;
	duration: number;
	currentTime: number;
	videoWidth: number;
	videoHeight: number;
	error: { code: number } | null;
	pause(): void;
	addEventListener(type: 'seeked', listener: () => void, options: { once: boolean }): void;
}

describe('the OdiRouter node in a real n8n editor (Chromium)', () => {
	let sim: Simulator;
	let editor: EditorSession;
	let page: Page;

	beforeAll(async () => {
		sim = await startSimulator({ durationMs: 1500, playableVideo: true });
		editor = await openEditor({
			credentials: [odiRouterCredential({ apiKey: sim.apiKey, baseUrl: sim.baseUrl })],
			workflows: [workflow],
			viewport: { width: 1366, height: 1900 },
			owner: OWNER,
		});
		page = editor.page;
		await page.goto(`/workflow/${WORKFLOW_ID}`);
		await canvasNode().waitFor({ timeout: 120_000 });
		await canvasNode().dblclick();
		await ndv().waitFor();
	});

	// What the page showed when a step failed; and a list a failed step left open would cover the next step's fields.
	afterEach(async ({ task }) => {
		if (!page || task.result?.state !== 'fail') return;
		await page.screenshot({ path: `${screenshotFolder}/failed-${task.name.replace(/\W+/g, '-').slice(0, 60)}.png` });
		if ((await dropdownItems().count()) > 0) await page.keyboard.press('Escape');
	});

	afterAll(async () => {
		await editor?.close();
		await sim?.close();
	});

	const canvasNode = () => page.locator(`[data-test-id="canvas-node"][data-node-name="${NODE}"]`);
	const ndv = () => page.locator('[data-test-id="ndv"]');
	const parameter = (name: string) => ndv().locator(`[data-test-id="parameter-input-${name}"]:visible`);
	const parameterItem = (name: string) =>
		ndv().locator('[data-test-id="parameter-item"]').filter({ has: page.locator(`[data-test-id="parameter-input-${name}"]`) });
	const issuesOf = (name: string) => parameter(name).locator('[data-test-id="parameter-issues"]');
	const dropdownItems = () => page.locator('.el-select-dropdown:visible .el-select-dropdown__item');

	/** The names a dropdown offers (an item's first line; the second is its description). */
	async function openChoices(field: string | Locator): Promise<string[]> {
		await noDropdownOpen();
		await (typeof field === 'string' ? parameter(field) : field).click();
		await dropdownItems().first().waitFor();
		return (await dropdownItems().allInnerTexts()).map((text) => text.split('\n')[0].trim());
	}

	// A closing dropdown stays visible for a moment: wait for it, so the next list read is the new one.
	const noDropdownOpen = () => expect.poll(() => dropdownItems().count()).toBe(0);

	async function closeChoices() {
		await page.keyboard.press('Escape');
		await noDropdownOpen();
	}

	async function choose(name: string, option: string) {
		await noDropdownOpen();
		await parameter(name).click();
		await dropdownItems().filter({ has: page.getByText(option, { exact: true }) }).click();
		await noDropdownOpen();
		await expect.poll(() => parameter(name).locator('input').first().inputValue()).toBe(option);
	}

	/**
	 * A screenshot of the parameter column from `top` to `bottom`, `widenRight` pixels wider for a
	 * tooltip that sticks out.
	 */
	async function screenshotPanel(file: string, top: Locator, bottom: Locator, widenRight = 0) {
		const column = await ndv().locator('[data-test-id="node-parameters"]').boundingBox();
		const from = await top.boundingBox();
		const to = await bottom.boundingBox();
		if (!column || !from || !to) throw new Error(`${file}: the node panel is not on screen`);
		const y = from.y - 12;
		const clip = { x: column.x - 16, y, width: column.width + 32 + widenRight, height: to.y + to.height + 12 - y };
		await page.screenshot({ path: `${screenshotFolder}/${file}`, clip });
	}

	it('offers the five operations and Custom API Call, with the Retry On Fail notice right under Operation', async () => {
		expect(await openChoices('operation')).toEqual(['Cancel', 'Get Result', 'Get Status', 'Submit', 'Submit and Wait', 'Custom API Call']);
		await closeChoices();
		const itemNames = await ndv()
			.locator('[data-test-id="node-parameters"] [data-test-id="parameter-item"]')
			.evaluateAll((items) =>
				items.map((item) => item.querySelector('[data-test-id^="parameter-input-"]')?.getAttribute('data-test-id') ?? item.textContent?.trim()),
			);
		const operationAt = itemNames.indexOf('parameter-input-operation');
		expect(itemNames[operationAt - 1]).toBe('parameter-input-resource');
		expect(itemNames[operationAt + 1]).toMatch(/^n8n's Retry On Fail setting re-runs a Submit/);
	});

	it('takes the first frame from a URL or from a binary field', async () => {
		expect(await openChoices('imageSource')).toEqual(['URL', 'Binary Property']);
		await closeChoices();
		expect(await parameter('imageUrl').count()).toBe(1);
		await choose('imageSource', 'Binary Property');
		await expect.poll(() => parameter('binaryPropertyName').count()).toBe(1);
		expect(await parameter('imageUrl').count()).toBe(0);
		await choose('imageSource', 'URL');
		// n8n drops the value of a field it hides: the URL has to be given again.
		await expect.poll(() => issuesOf('imageUrl').count()).toBe(1);
		await parameter('imageUrl').locator('input').fill(IMAGE_URL);
		await page.keyboard.press('Tab');
		await expect.poll(() => issuesOf('imageUrl').count()).toBe(0);
	});

	it('lists the 15 camera moves in English', async () => {
		const moves = await openChoices('cameraMovements');
		expect(moves).toEqual(CAMERA_MOVES_IN_ENGLISH);
		expect(moves.join(' ')).not.toMatch(/[\u3400-\u9fff]/);
		await page.locator('.el-select-dropdown:visible .el-scrollbar__wrap').evaluate((list) => list.scrollTo(0, 0));
		await screenshotPanel('editor-camera-movement.png', parameterItem('cameraMovements'), page.locator('.el-select-dropdown:visible'));
		await closeChoices();
	});

	it('shows Fast Pretreatment only while the prompt optimizer is on', async () => {
		expect(await parameter('fastPretreatment').count()).toBe(1);
		await parameter('promptOptimizer').click();
		await expect.poll(() => parameter('fastPretreatment').count()).toBe(0);
		await parameter('promptOptimizer').click();
		await expect.poll(() => parameter('fastPretreatment').count()).toBe(1);
	});

	it('offers 6 and 10 s at 768P, only 6 s at 1080P, and flags a 10 left over from 768P', async () => {
		expect(await openChoices('resolution')).toEqual(['768P', '1080P']);
		await closeChoices();
		expect(await openChoices('duration')).toEqual(['6', '10']);
		await closeChoices();
		await choose('duration', '10');
		await choose('resolution', '1080P');
		expect(await openChoices('duration')).toEqual(['6']);
		await closeChoices();
		// The 10 chosen at 768P is still the value: the editor marks it, with a reason on hover.
		expect(await parameter('duration').locator('input').first().inputValue()).toBe('10');
		expect(await parameter('duration').getAttribute('class')).toContain('has-issues');
		await issuesOf('duration').hover();
		await expect.poll(() => page.getByText('The value "10" is not supported!').isVisible()).toBe(true);
		expect(await ndv().getByText('1080P videos are always 6 seconds long: choose 768P for 10 seconds').isVisible()).toBe(true);
		await screenshotPanel('editor-1080p-duration.png', parameterItem('resolution'), parameterItem('duration'), 120);
		await choose('duration', '6');
		await expect.poll(() => issuesOf('duration').count()).toBe(0);
		await choose('resolution', '768P');
	});

	it('offers the Submit and Wait options', async () => {
		const addOption = ndv().locator('[data-test-id="collection-parameter-add"]');
		const options = await openChoices(addOption);
		expect([...options].sort()).toEqual(submitAndWaitOptionNames().sort());
		expect(options).toEqual(
			expect.arrayContaining(['Cancel Task on Timeout', 'Max Concurrent Tasks', 'Max Wait (Seconds)', 'Poll Interval (Seconds)', 'Put Output Video in Field']),
		);
		await closeChoices();
		for (const option of ['Poll Interval (Seconds)', 'Max Wait (Seconds)', 'Cancel Task on Timeout']) {
			await openChoices(addOption);
			await dropdownItems().filter({ hasText: option }).click();
			await noDropdownOpen();
		}
		await expect.poll(() => parameter('pollInterval').count()).toBe(1);
		expect(await parameter('maxWait').count()).toBe(1);
		expect(await parameter('cancelOnTimeout').count()).toBe(1);
		await screenshotPanel('editor-submit-and-wait.png', ndv().locator('[data-test-id="tab-params"]'), addOption);
	});

	it('runs the workflow and shows the output item with its video', async () => {
		const submitsBefore = sim.count('submit');
		await ndv().locator('[data-test-id="ndv-close-button"]').click();
		await page.locator('[data-test-id="execute-workflow-button"]').click();
		await canvasNode().locator('[data-test-id="canvas-node-status-success"]').waitFor({ timeout: 90_000 });
		expect(sim.count('submit') - submitsBefore).toBe(1);
		const [task] = [...sim.tasks.values()];

		await canvasNode().dblclick();
		const output = ndv().locator('[data-test-id="output-panel"]');
		const file = output.locator('[data-test-id="ndv-binary-data_0"]');
		await file.waitFor();
		const facts = await file.innerText();
		expect(facts).toContain(`${task.id}.mp4`);
		expect(facts).toContain('video/mp4');

		await output.locator('[data-test-id="ndv-view-binary-data"]').click();
		const video = output.locator('video');
		// Chromium decodes it: n8n served the MP4 the node stored, and it is a real H.264 clip.
		await expect.poll(() => video.evaluate((element: VideoElement) => element.readyState), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
		const shown = await video.evaluate(async (element: VideoElement) => {
			element.pause();
			element.currentTime = 3;
			await new Promise<void>((seeked) => element.addEventListener('seeked', () => seeked(), { once: true }));
			return { duration: element.duration, width: element.videoWidth, height: element.videoHeight, error: element.error?.code ?? null };
		});
		expect(shown).toEqual({ duration: PLAYABLE_CLIP.seconds, width: PLAYABLE_CLIP.width, height: PLAYABLE_CLIP.height, error: null });
		// The panel's upper part: the parameters and, beside them, the video.
		const panel = await ndv().boundingBox();
		if (!panel) throw new Error('The node panel is not on screen');
		await page.screenshot({ path: `${screenshotFolder}/editor-output-video.png`, clip: { ...panel, height: Math.min(panel.height, 760) } });
	});

	it('tests the credential from its form: OK for the simulator key, the reason for a wrong one', async () => {
		const mark = sim.log.length;
		const tasksBefore = sim.tasks.size;
		await ndv().locator('[data-test-id="credential-edit-button"]').click();
		const dialog = page.locator('[data-test-id="credential-edit-dialog"]');
		// Opening a saved credential runs its test.
		await dialog.getByText('Connection tested successfully').waitFor();
		expect(await dialog.locator('[data-test-id="parameter-input-baseUrl"] input').inputValue()).toBe(sim.baseUrl);
		const apiKey = dialog.locator('[data-test-id="parameter-input-apiKey"] input');
		expect(await apiKey.getAttribute('type')).toBe('password');
		expect(await apiKey.inputValue()).not.toContain(sim.apiKey);
		const bearersSince = (from: number) => sim.log.slice(from).filter((entry) => entry.kind === 'status').map((entry) => entry.auth);
		expect(bearersSince(mark)).toEqual([`Bearer ${sim.apiKey}`]);

		// The Retry button tests what the form holds now, before it is saved (the editor may send the
		// test more than once: every request must carry the key in the form).
		const wrongKeyMark = sim.log.length;
		await apiKey.fill(WRONG_KEY);
		await dialog.getByRole('button', { name: 'Retry' }).click();
		await dialog.getByText(/Couldn.t connect with these settings/).waitFor();
		await dialog.getByText('More details').click();
		await page.getByText('The API key was rejected (401). Check the key in your OdiRouter account.').waitFor();
		expect(bearersSince(wrongKeyMark).length).toBeGreaterThan(0);
		expect(new Set(bearersSince(wrongKeyMark))).toEqual(new Set([`Bearer ${WRONG_KEY}`]));
		expect(await page.locator('body').innerText()).not.toContain(WRONG_KEY);

		const rightKeyMark = sim.log.length;
		await apiKey.fill(sim.apiKey);
		await dialog.getByRole('button', { name: 'Retry' }).click();
		await dialog.getByText('Connection tested successfully').waitFor();
		expect(bearersSince(rightKeyMark).length).toBeGreaterThan(0);
		expect(new Set(bearersSince(rightKeyMark))).toEqual(new Set([`Bearer ${sim.apiKey}`]));
		expect(sim.tasks.size).toBe(tasksBefore);
	});
});
