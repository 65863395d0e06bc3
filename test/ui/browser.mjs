// @ts-check
// Debian's Chromium driven by playwright-core (`npx playwright install` needs a download site this
// project cannot reach), and the folder the editor screenshots go to.
import { join } from 'node:path';
import { chromium } from 'playwright-core';

import { projectRoot } from '../../scripts/n8n/install.mjs';
import { isRunning } from '../../scripts/n8n/processes.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// No sandbox (CI runs as root), no GPU, and nothing that calls home: the only server is n8n on loopback.
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** `UPDATE_SCREENSHOTS=1` writes the README's screenshots; otherwise they go to the git-ignored .cache. */
export const screenshotFolder =
	process.env.UPDATE_SCREENSHOTS === '1' ? join(projectRoot, 'docs', 'images') : join(projectRoot, '.cache', 'ui-screenshots');

/**
 * Headless Chromium with a fresh profile (Playwright makes a new user-data-dir for each launch and
 * deletes it on close), and a client connected to it. `close` kills the browser by its pid if it has
 * not quit within 10 s.
 */
export async function launchChromium() {
	const server = await chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
	const pid = server.process().pid;
	try {
		const browser = await chromium.connect(server.wsEndpoint());
		return {
			browser,
			async close() {
				await Promise.race([server.close().catch(() => undefined), new Promise((done) => setTimeout(done, 10_000))]);
				if (pid !== undefined && isRunning(pid)) process.kill(pid, 'SIGKILL');
			},
		};
	} catch (error) {
		if (pid !== undefined) process.kill(pid, 'SIGKILL');
		throw error;
	}
}
