// @ts-check
// Before any e2e file: the package must be built, and the n8n under test installed (once, into
// .cache/n8n): the pinned one, or with E2E_N8N=1.x the last n8n 1.x release. The tests get its version
// with inject('n8nVersion').
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { ensureN8nInstalled, N8N_1_VERSION, N8N_VERSION } from '../../scripts/n8n/install.mjs';

/** @param {{ provide: (key: 'n8nVersion', value: string) => void }} project */
export default async function setup({ provide }) {
	const builtNode = fileURLToPath(new URL('../../dist/nodes/OdiRouter/OdiRouter.node.js', import.meta.url));
	if (!existsSync(builtNode)) throw new Error('dist/ is missing: run `npm run build` before `npm run test:e2e`.');
	const n8nVersion = process.env.E2E_N8N === '1.x' ? N8N_1_VERSION : N8N_VERSION;
	await ensureN8nInstalled(n8nVersion);
	provide('n8nVersion', n8nVersion);
}
