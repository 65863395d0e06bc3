// @ts-check
// Installs the pinned n8n (or another given version, each in its own folder), and the Node 24 it needs,
// into the git-ignored `.cache/n8n/` folder once; later calls reuse it. Prints one progress line per step because the first install takes minutes.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { majorOf, nodeRuntimeHere, npmCommand, pathWithFirst } from './nodeRuntime.mjs';
import { isRunning, runProcess } from './processes.mjs';

export const N8N_VERSION = '2.41.1';
/** The last n8n 1.x release, for self-hosters still on 1.x (`npm run test:e2e:n8n1`). */
export const N8N_1_VERSION = '1.123.81';

export const projectRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const cacheRoot = join(projectRoot, '.cache', 'n8n');
const n8nFolderOf = (version) => join(cacheRoot, `n8n-${version}`);
const readyMarkerOf = (version) => join(n8nFolderOf(version), 'installed.json');

/** npm `overrides` an n8n version needs to install: n8n 1.x names xlsx as a tarball URL outside the npm registry. */
const overridesOf = (version) => (version.startsWith('1.') ? { xlsx: '0.18.5' } : undefined);

/** @typedef {{ nodeBin: string, nodeBinFolder: string, n8nBin: string }} N8nInstall */
/** @typedef {Exclude<import('./nodeRuntime.mjs').NodeRuntime, { source: 'none' }>} Runtime */

/** @param {string} version @param {Runtime} runtime @returns {N8nInstall} */
function installPaths(version, runtime) {
	return {
		nodeBin: runtime.nodeBin,
		nodeBinFolder: runtime.nodeBinFolder,
		n8nBin: join(n8nFolderOf(version), 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

/** @param {string} version @param {string} message */
function progress(version, message) {
	process.stderr.write(`[n8n ${version}] ${message}\n`);
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

/** @param {string} folder @param {Record<string, string>} [overrides] */
function startPackage(folder, overrides) {
	mkdirSync(folder, { recursive: true });
	const manifest = join(folder, 'package.json');
	if (!existsSync(manifest)) writeFileSync(manifest, JSON.stringify({ name: 'odirouter-n8n-cache', private: true, overrides }));
}

const npmArgs = ['--no-audit', '--no-fund', '--loglevel=error'];

/** The caller's environment without npm's settings: under `npm run`, npm passes the project's
 * .npmrc on as npm_config_* variables, and its ignore-scripts=true would turn the rebuild into a no-op. */
function cleanEnv() {
	return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
}

/** n8n's native modules (isolated-vm only from n8n 2.x on): n8n cannot start without them. */
const nativeModulesIn = (n8nFolder) => ['sqlite3', 'isolated-vm'].filter((name) => existsSync(join(n8nFolder, 'node_modules', name)));

/** Loads the native modules once with Node 24 to be sure they were built for it. */
async function checkNativeModules(nodeBin, n8nFolder, env) {
	const requires = nativeModulesIn(n8nFolder).map((name) => `require('${name}');`).join(' ');
	await run(nodeBin, ['-e', requires], { cwd: n8nFolder, env });
}

const lockFolder = join(cacheRoot, 'install.lock');

/** One install at a time (a demo and `npm start` started together share the cache). */
async function withInstallLock(version, install) {
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
			if (!said) progress(version, `waiting for the install another process is running (pid ${owner || '?'}) ...`);
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

/** Ready when installed and its native modules were built for this Node's major version (their ABI).
 * @param {string} version @param {Runtime} runtime @returns {N8nInstall | undefined} */
function readyInstall(version, runtime) {
	const paths = installPaths(version, runtime);
	const marker = existsSync(readyMarkerOf(version)) ? JSON.parse(readFileSync(readyMarkerOf(version), 'utf8')) : null;
	const builtForThisNode = marker !== null && majorOf(String(marker.node)) === majorOf(runtime.version);
	return builtForThisNode && existsSync(paths.nodeBin) && existsSync(paths.n8nBin) ? paths : undefined;
}

/** @param {string} [version] the n8n version, by default the pinned one @returns {Promise<N8nInstall>} */
export async function ensureN8nInstalled(version = N8N_VERSION) {
	const runtime = nodeRuntimeHere(cacheRoot);
	if (runtime.source === 'none') {
		process.stderr.write(`${runtime.message}\n`);
		process.exit(1);
	}
	return (
		readyInstall(version, runtime) ??
		(await withInstallLock(version, async () => readyInstall(version, runtime) ?? (await install(version, runtime))))
	);
}

/** @param {string} version @param {Runtime} runtime @returns {Promise<N8nInstall>} */
async function install(version, runtime) {
	const paths = installPaths(version, runtime);
	const n8nFolder = n8nFolderOf(version);
	const started = Date.now();
	const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;
	if (runtime.source === 'npm' && !existsSync(paths.nodeBin)) {
		progress(version, `installing Node ${runtime.version} (n8n ${version} needs Node 24) into .cache/n8n ...`);
		startPackage(runtime.installFolder);
		await run(npmCommand, ['install', ...npmArgs, '--ignore-scripts', runtime.packageSpec], { cwd: runtime.installFolder, env: cleanEnv() });
	}
	const env = {
		...cleanEnv(),
		...pathWithFirst(paths.nodeBinFolder),
		...(runtime.headersFolder ? { npm_config_nodedir: runtime.headersFolder } : {}),
	};
	progress(version, `installing n8n ${version} into .cache/n8n (first time only: a few minutes, 2.9 GB) ... [${elapsed()}]`);
	startPackage(n8nFolder, overridesOf(version));
	await run(npmCommand, ['install', ...npmArgs, '--ignore-scripts', `n8n@${version}`], { cwd: n8nFolder, env });
	const nativeModules = nativeModulesIn(n8nFolder);
	progress(version, `building n8n's native modules (${nativeModules.join(', ')}) for Node ${runtime.version} ... [${elapsed()}]`);
	await run(npmCommand, ['rebuild', ...npmArgs, '--ignore-scripts=false', ...nativeModules], { cwd: n8nFolder, env });
	await checkNativeModules(paths.nodeBin, n8nFolder, env);
	writeFileSync(readyMarkerOf(version), JSON.stringify({ n8n: version, node: runtime.version, seconds: (Date.now() - started) / 1000 }));
	progress(version, `n8n ready [${elapsed()}]`);
	return paths;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const paths = await ensureN8nInstalled(process.argv[2]);
	process.stdout.write(`${paths.n8nBin}\n`);
}
