// @ts-check
// Our package exactly as `npm publish` would ship it: `npm pack` once per process.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { projectRoot } from './install.mjs';
import { npmCommand } from './nodeRuntime.mjs';

/** @type {{ tarball: string, files: string[] } | undefined} */
let packed;

/** Packs the built project (run `npm run build` first). */
export function packOurPackage() {
	if (!packed) {
		const folder = mkdtempSync(join(tmpdir(), 'odirouter-pack-'));
		const output = execFileSync(npmCommand, ['pack', '--json', '--pack-destination', folder], {
			cwd: projectRoot,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
			shell: process.platform === 'win32',
		});
		const [summary] = JSON.parse(output);
		packed = { tarball: join(folder, summary.filename), files: summary.files.map((file) => file.path) };
	}
	return packed;
}

/** Unpacks the package into `folder` (e.g. <n8n user folder>/.n8n/nodes/node_modules/<name>). */
export function unpackOurPackage(folder) {
	mkdirSync(folder, { recursive: true });
	execFileSync('tar', ['-xzf', packOurPackage().tarball, '-C', folder, '--strip-components=1']);
}
