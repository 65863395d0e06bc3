import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts'],
		environment: 'node',
		restoreMocks: true,
		testTimeout: 30_000,
		// n8n-core keeps its instance settings (encryption key) in the user folder: a fresh one per run.
		env: { N8N_USER_FOLDER: mkdtempSync(join(tmpdir(), 'odirouter-test-')) },
	},
});
