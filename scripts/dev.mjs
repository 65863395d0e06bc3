// @ts-check
// `npm run dev`: TypeScript rebuilds dist/ on every save and the pinned n8n, started with
// N8N_DEV_RELOAD, reloads the node from it, as `n8n-node dev` does. n8n keeps its data (owner,
// workflows, credentials) in .cache/n8n-dev/ between runs and listens on a free port (or N8N_PORT).
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { ensureN8nInstalled, projectRoot } from './n8n/install.mjs';
import { freePort, untilServing } from './n8n/instance.mjs';
import { pathWithFirst } from './n8n/nodeRuntime.mjs';
import { DEMO_OWNER, setUpOwner } from './n8n/rest.mjs';
import { buildPackage, say } from './n8n/session.mjs';

const userFolder = join(projectRoot, '.cache', 'n8n-dev');
const distFolder = join(projectRoot, 'dist');

/**
 * n8n loads nodes from ~/.n8n/custom and, in dev reload, watches each package linked into its
 * node_modules. The link goes to dist/ alone: the project root holds .cache/ with all of n8n's own nodes.
 */
function linkOurBuild() {
	const modules = join(userFolder, '.n8n', 'custom', 'node_modules');
	mkdirSync(modules, { recursive: true });
	const link = join(modules, 'n8n-nodes-odirouter');
	rmSync(link, { recursive: true, force: true });
	symlinkSync(distFolder, link, 'junction');
}

const install = await ensureN8nInstalled();
buildPackage();
linkOurBuild();
const port = Number(process.env.N8N_PORT) || (await freePort());
const url = `http://localhost:${port}`;

const tsc = spawn(process.execPath, [createRequire(import.meta.url).resolve('typescript/bin/tsc'), '--watch', '--preserveWatchOutput'], {
	cwd: projectRoot,
	stdio: ['ignore', 'inherit', 'inherit'],
});
const n8n = spawn(install.nodeBin, [install.n8nBin, 'start'], {
	cwd: userFolder,
	env: {
		...process.env,
		...pathWithFirst(install.nodeBinFolder),
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_DEV_RELOAD: 'true',
		DB_SQLITE_POOL_SIZE: '10',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
	},
	stdio: ['ignore', 'inherit', 'inherit'],
});

let stopping = false;
/** @param {number} code */
function stop(code) {
	if (stopping) return;
	stopping = true;
	say('Stopping n8n and the TypeScript watch ...');
	tsc.kill();
	n8n.kill();
	n8n.once('close', () => process.exit(code));
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
n8n.on('close', (code) => {
	if (!stopping) {
		process.stderr.write(`n8n stopped (exit ${code})\n`);
		tsc.kill();
		process.exit(1);
	}
});

try {
	await untilServing(url, n8n, () => '(n8n printed its output above)');
} catch (error) {
	process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
	stop(1);
}
// A fresh n8n asks for an owner first; one that has it already refuses a second.
const owner = await setUpOwner(url, DEMO_OWNER).then(
	() => `log in as ${DEMO_OWNER.email} / ${DEMO_OWNER.password}`,
	() => 'log in with the owner account you set up before',
);
say('');
say(`n8n editor with the OdiRouter node: ${url} (${owner})`);
say('Edit nodes/ or credentials/: TypeScript rebuilds dist/ and n8n reloads the node ("Hot reload triggered");');
say('reload the editor page to see a changed description. Ctrl-C stops both.');
