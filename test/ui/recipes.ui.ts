import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEFAULT_BASE_URL, EXAMPLE_CREDENTIAL, loadExample, odiRouterCredential } from '../../scripts/n8n/examples.mjs';
import type { Simulator } from '../../simulator/server.mjs';
import { startSimulator } from '../../simulator/server.mjs';
import { screenshotFolder } from './browser.mjs';
import type { EditorSession } from './editorSession';
import { openEditor } from './editorSession';

// The README's pictures of its recipes, as a user sees them after importing each example, and of
// the credential form with the Base URL left at its default.

const OWNER = { email: 'ui-recipes@odirouter.local', firstName: 'Ui', lastName: 'Recipes', password: 'OdiRouter-ui-2' };

/** The recipes' example workflows and the README picture of each canvas. */
const RECIPES = [
	{ example: '6-', file: 'recipe-a-google-drive.png' },
	{ example: '7-', file: 'recipe-b-google-sheets.png' },
	{ example: '3-', file: 'recipe-c-long-job.png' },
	{ example: '5-', file: 'recipe-d-ai-agent.png' },
	{ example: '8-', file: 'recipe-e-request-id.png' },
];

/** Stand-ins for the Google and OpenAI credentials the examples name, so the canvas shows no missing credential. */
const OTHER_CREDENTIALS = [
	{ id: 'GoogleDriveCred01', name: 'Google Drive account', type: 'googleDriveOAuth2Api', data: { clientId: 'placeholder', clientSecret: 'placeholder' } },
	{ id: 'GoogleSheetsCred1', name: 'Google Sheets account', type: 'googleSheetsOAuth2Api', data: { clientId: 'placeholder', clientSecret: 'placeholder' } },
	{ id: 'OpenAiCred000001', name: 'OpenAI account', type: 'openAiApi', data: { apiKey: 'placeholder' } },
];

describe('the recipes and the credential in a real n8n editor (Chromium)', () => {
	let sim: Simulator;
	let editor: EditorSession;
	let page: Page;

	beforeAll(async () => {
		sim = await startSimulator({ durationMs: 1500 });
		editor = await openEditor({
			// The credential as a user saves it: the Base URL left at its default.
			credentials: [odiRouterCredential({ apiKey: sim.apiKey, baseUrl: DEFAULT_BASE_URL }), ...OTHER_CREDENTIALS],
			workflows: RECIPES.map(({ example }) => loadExample(example)),
			viewport: { width: 1366, height: 700 },
			owner: OWNER,
		});
		page = editor.page;
	});

	afterAll(async () => {
		await editor?.close();
		await sim?.close();
	});

	const canvasNodes = () => page.locator('[data-test-id="canvas-node"]');

	it.each(RECIPES)('shows example $example as imported: every node, none flagged', async ({ example, file }) => {
		const workflow = loadExample(example);
		await page.goto(`/workflow/${workflow.id}`);
		await expect.poll(() => canvasNodes().count(), { timeout: 120_000 }).toBe(workflow.nodes.length);
		const names = await canvasNodes().evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-node-name')));
		expect([...names].sort()).toEqual(workflow.nodes.map((node) => node.name).sort());
		// n8n marks a node whose type is missing or whose settings have issues.
		expect(await page.locator('[data-test-id="canvas-node"] [data-test-id="node-issues"]').count()).toBe(0);
		await page.locator('[data-test-id="zoom-to-fit"]').click();
		await page.mouse.move(0, 0);
		// The fit is animated: the picture is taken once the nodes stop moving.
		const where = () => canvasNodes().first().boundingBox().then((box) => JSON.stringify(box));
		let last = '';
		await expect.poll(async () => (last === (last = await where()) ? 'still' : 'moving'), { interval: 300 }).toBe('still');
		await page.locator('[data-test-id="canvas-wrapper"]').screenshot({ path: `${screenshotFolder}/${file}` });
	});

	it('shows the credential with its default Base URL and tests it (the test sent on to the simulator)', async () => {
		// The editor's test request goes to the simulator instead of odirouter.ai: only the URL changes.
		await page.route('**/rest/credentials/test', async (route) => {
			const body = route.request().postDataJSON() as { credentials: { data: Record<string, unknown> } };
			expect(body.credentials.data.baseUrl).toBe(DEFAULT_BASE_URL);
			body.credentials.data.baseUrl = sim.baseUrl;
			await route.continue({ postData: JSON.stringify(body) });
		});
		const mark = sim.log.length;
		await page.goto('/home/credentials');
		await page.getByText(EXAMPLE_CREDENTIAL.name, { exact: true }).click();
		const dialog = page.locator('[data-test-id="credential-edit-dialog"]');
		await dialog.getByText('Connection tested successfully').waitFor();
		expect(await dialog.locator('[data-test-id="parameter-input-baseUrl"] input').inputValue()).toBe(DEFAULT_BASE_URL);
		expect(sim.log.slice(mark).filter((entry) => entry.kind === 'status').map((entry) => entry.auth)).toContain(`Bearer ${sim.apiKey}`);
		expect(sim.tasks.size).toBe(0);
		await page.locator('.el-dialog').filter({ has: dialog }).screenshot({ path: `${screenshotFolder}/editor-credential.png` });
		await page.unroute('**/rest/credentials/test');
	});
});
