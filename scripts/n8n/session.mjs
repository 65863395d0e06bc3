// @ts-check
// What the demo and `npm start` share: build the package, start the simulator (or pick the real API
// when ODIROUTER_API_KEY is set), and start a real n8n with our package and the examples' credential.
import { spawnSync } from 'node:child_process';

import { startSimulator } from '../../simulator/server.mjs';
import { DEFAULT_BASE_URL, odiRouterCredential } from './examples.mjs';
import { ensureN8nInstalled, projectRoot } from './install.mjs';
import { createN8n } from './instance.mjs';
import { npmCommand } from './nodeRuntime.mjs';

/** @param {string} line */
export function say(line) {
	process.stdout.write(`${line}\n`);
}

export function buildPackage() {
	say('Building the package (n8n-node build) ...');
	const build = spawnSync(npmCommand, ['run', 'build', '--silent'], { cwd: projectRoot, encoding: 'utf8', shell: process.platform === 'win32' });
	if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
}

/**
 * @param {{ fileAccess?: string[], simulator?: import('../../simulator/server.mjs').SimulatorOptions }} options
 */
export async function startSession(options) {
	// Installs first (minutes, once; or stops at once where no Node 24 can be had), so the simulator
	// starts only when n8n can use it.
	await ensureN8nInstalled();
	buildPackage();
	const apiKey = process.env.ODIROUTER_API_KEY ?? '';
	const simulator = apiKey ? null : await startSimulator(options.simulator);
	const credential = simulator
		? odiRouterCredential({ apiKey: simulator.apiKey, baseUrl: simulator.baseUrl })
		: odiRouterCredential({ apiKey, baseUrl: process.env.ODIROUTER_BASE_URL || DEFAULT_BASE_URL });
	say(
		simulator
			? `OdiRouter: local simulator at ${simulator.baseUrl} (no API key needed; set ODIROUTER_API_KEY for the real API)`
			: `OdiRouter: real API at ${credential.data.baseUrl} (ODIROUTER_API_KEY is set: this is billed)`,
	);
	const n8n = await createN8n({ fileAccess: options.fileAccess });
	await n8n.importCredentials([credential]);
	return {
		n8n,
		simulator,
		async close() {
			await simulator?.close();
			n8n.remove();
		},
	};
}
