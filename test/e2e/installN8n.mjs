// @ts-check
// Before any e2e file: the package must be built, and the pinned n8n installed (once, into .cache/n8n).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { ensureN8nInstalled } from '../../scripts/n8n/install.mjs';

export default async function setup() {
	const builtNode = fileURLToPath(new URL('../../dist/nodes/OdiRouter/OdiRouter.node.js', import.meta.url));
	if (!existsSync(builtNode)) throw new Error('dist/ is missing: run `npm run build` before `npm run test:e2e`.');
	await ensureN8nInstalled();
}
