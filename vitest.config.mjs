import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
	// The one n8n-workflow that n8n-core also loads (its CommonJS build), as in a real n8n; the ESM
	// build would be transformed file by file, with a source map warning for each.
	resolve: { alias: [{ find: /^n8n-workflow$/, replacement: require.resolve('n8n-workflow') }] },
	test: {
		include: ['test/**/*.test.ts'],
		environment: 'node',
		restoreMocks: true,
		testTimeout: 30_000,
		// n8n-core keeps its instance settings (encryption key) in the user folder: a fresh one per run.
		env: { N8N_USER_FOLDER: mkdtempSync(join(tmpdir(), 'odirouter-test-')) },
	},
});
