// @ts-check
// `npm run check:workflows`: every GitHub workflow file against GitHub's schema, with
// @action-validator/cli (one file per call), so a broken workflow fails here and not on the first tag.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import { projectRoot } from '../n8n/install.mjs';

const folder = join(projectRoot, '.github', 'workflows');
const files = readdirSync(folder).filter((file) => /\.ya?ml$/.test(file));
let failed = 0;
for (const file of files) {
	const check = spawnSync('action-validator', [join(folder, file)], { stdio: 'inherit', shell: process.platform === 'win32' });
	process.stdout.write(`${check.status === 0 ? '✅' : '❌'} .github/workflows/${file}\n`);
	if (check.status !== 0) failed += 1;
}
if (files.length === 0 || failed > 0) process.exitCode = 1;
