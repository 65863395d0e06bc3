// @ts-check
// A real n8n (the pinned version from .cache/n8n) in its own user folder with our built package
// loaded: import credentials and workflows, run a workflow with `n8n execute`, or start the editor.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ensureN8nInstalled } from './install.mjs';
import { pathWithFirst } from './nodeRuntime.mjs';
import { unpackOurPackage } from './pack.mjs';
import { runProcess } from './processes.mjs';
import { OWN_GROUP, signalGroup, stopOnExit } from './stopOnExit.mjs';

/** @returns {Promise<number>} */
export function freePort() {
	return new Promise((resolvePort, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolvePort(port));
		});
	});
}

/**
 * Resolves once n8n's REST API answers at `url` (/healthz answers earlier, while n8n is still starting up).
 * @param {string} url @param {import('node:child_process').ChildProcess} child @param {() => string} output what n8n printed
 */
export async function untilServing(url, child, output) {
	const deadline = Date.now() + 120_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`n8n start exited with ${child.exitCode}:\n${output()}`);
		try {
			const response = await fetch(`${url}/rest/settings`);
			if (response.ok && response.headers.get('content-type')?.includes('application/json')) return;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`n8n start did not answer on ${url} within 120 s:\n${output()}`);
		}
		await new Promise((resolveWait) => setTimeout(resolveWait, 250));
	}
}

/** Puts the package as `npm pack` makes it where n8n looks for community nodes: ~/.n8n/nodes/node_modules. */
function loadOurPackage(userFolder) {
	unpackOurPackage(join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-odirouter'));
}

/**
 * The JSON document `n8n execute` prints (after its log lines): from the first line that is `{` to
 * the last line that is `}`.
 * @param {string} output
 */
function parseExecuteOutput(output) {
	const lines = output.split('\n');
	const start = lines.findIndex((line) => line.trimEnd() === '{');
	let end = -1;
	for (let index = lines.length - 1; index > start; index--) {
		if (lines[index].trimEnd() === '}') {
			end = index;
			break;
		}
	}
	if (start < 0 || end < 0) return undefined;
	try {
		return JSON.parse(lines.slice(start, end + 1).join('\n'));
	} catch {
		return undefined;
	}
}

/** The caller's environment minus what would change n8n's behaviour: a test runner's NODE_ENV=test
 * silences n8n's output, and a caller's own N8N_* settings would point it elsewhere. */
function inheritedEnv() {
	return Object.fromEntries(
		Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV' && !name.startsWith('VITEST') && !name.startsWith('N8N_')),
	);
}

/**
 * @param {{ fileAccess?: string[], n8nVersion?: string, env?: NodeJS.ProcessEnv }} [options] fileAccess: folders
 *   Read/Write Files from Disk may use; n8nVersion: another n8n than the pinned one (installed into its own
 *   folder); env: more settings for n8n (queue mode's database and Redis, say)
 */
export async function createN8n(options = {}) {
	const install = await ensureN8nInstalled(options.n8nVersion);
	const userFolder = mkdtempSync(join(tmpdir(), 'odirouter-n8n-'));
	loadOurPackage(userFolder);
	const brokerPort = await freePort();
	/** @type {NodeJS.ProcessEnv} */
	const env = {
		...inheritedEnv(),
		...pathWithFirst(install.nodeBinFolder),
		N8N_USER_FOLDER: userFolder,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		// `n8n execute` prints its result at the info level; at warn it prints nothing.
		N8N_LOG_LEVEL: 'info',
		N8N_RESTRICT_FILE_ACCESS_TO: (options.fileAccess ?? []).join(';'),
		N8N_SECURE_COOKIE: 'false',
		...options.env,
	};

	/** @param {string[]} args */
	const cli = (args) => runProcess(install.nodeBin, [install.n8nBin, ...args], { cwd: userFolder, env, timeoutMs: 180_000 });

	/** @param {string} command @param {unknown} document */
	async function importDocument(command, document) {
		const file = join(userFolder, `import-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
		writeFileSync(file, JSON.stringify(document));
		const run = await cli([command, `--input=${file}`]);
		rmSync(file);
		if (run.code !== 0) throw new Error(`n8n ${command} failed (${run.code}):\n${run.stdout}\n${run.stderr}`);
		return run;
	}

	return {
		userFolder,
		env,
		cli,
		/** @param {{ id: string, name: string, type: string, data: Record<string, unknown> }[]} credentials */
		importCredentials: (credentials) => importDocument('import:credentials', credentials),
		/** @param {object | object[]} workflow one workflow or several (one n8n start for all) */
		importWorkflow: (workflow) => importDocument('import:workflow', workflow),
		/**
		 * Runs an imported workflow. `run` is n8n's execution record (`data.resultData.runData`...),
		 * parsed from the printed JSON; `ok` is true when the run has no error.
		 * @param {string} workflowId
		 */
		async execute(workflowId) {
			const result = await cli(['execute', `--id=${workflowId}`, '--rawOutput']);
			const run = parseExecuteOutput(result.stdout);
			const ok = run !== undefined && !run.data?.resultData?.error;
			return { ...result, run, ok };
		},
		/**
		 * Starts n8n's editor and API; resolves once its REST API answers (/healthz answers earlier,
		 * while n8n is still starting up).
		 * @param {{ port?: number }} [startOptions]
		 */
		async startServer(startOptions = {}) {
			const port = startOptions.port ?? (await freePort());
			const child = spawn(install.nodeBin, [install.n8nBin, 'start'], {
				cwd: userFolder,
				env: { ...env, N8N_PORT: String(port), N8N_LISTEN_ADDRESS: env.N8N_LISTEN_ADDRESS || '127.0.0.1' },
				stdio: ['ignore', 'pipe', 'pipe'],
				detached: OWN_GROUP,
			});
			const pid = child.pid;
			if (pid === undefined) throw new Error(`n8n start did not start (${install.nodeBin})`);
			child.once('close', stopOnExit(pid));
			let output = '';
			child.stdout.on('data', (chunk) => (output += chunk));
			child.stderr.on('data', (chunk) => (output += chunk));
			const url = `http://127.0.0.1:${port}`;
			await untilServing(url, child, () => output);
			return {
				url,
				port,
				process: child,
				output: () => output,
				stop: () =>
					new Promise((resolveStop) => {
						if (child.exitCode !== null) return resolveStop(undefined);
						child.once('close', () => resolveStop(undefined));
						child.kill('SIGTERM');
						setTimeout(() => signalGroup(pid, 'SIGKILL'), 10_000).unref();
					}),
			};
		},
		remove() {
			rmSync(userFolder, { recursive: true, force: true });
		},
	};
}
