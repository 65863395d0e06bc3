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
		// Most test time is waiting on sockets and timers, not CPU: more files and fault-matrix cases at
		// once than the default (cores - 1 files, 5 cases) cut the wall time on a 2-core machine.
		maxWorkers: 4,
		maxConcurrency: 12,
		// n8n-core keeps its instance settings (encryption key) in the user folder: a fresh one per run.
		// Its logger stays quiet (the tests that check log lines record the node's logger instead).
		env: { N8N_USER_FOLDER: mkdtempSync(join(tmpdir(), 'odirouter-test-')), N8N_LOG_LEVEL: 'silent' },
		// Files share one module graph per worker: loading n8n's packages costs more than most files'
		// tests. The setup file gives each file the node's state of a fresh process (nothing learned).
		isolate: false,
		setupFiles: ['harness/freshNode.ts'],
	},
});
