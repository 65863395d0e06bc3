import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);
const FUNCTION_TESTS = ['test/actions/**/*.test.ts', 'test/helpers/**/*.test.ts', 'test/transport/**/*.test.ts', 'test/scripts/**/*.test.ts'];

export default defineConfig({
	// The one n8n-workflow that n8n-core also loads (its CommonJS build), as in a real n8n; the ESM
	// build would be transformed file by file, with a source map warning for each.
	resolve: { alias: [{ find: /^n8n-workflow$/, replacement: require.resolve('n8n-workflow') }] },
	test: {
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
		projects: [
			// Tables of one function each, in the folder named like their source's: no n8n, no network.
			{ extends: true, test: { name: 'functions', include: [...FUNCTION_TESTS], isolate: false } },
			// The node run in n8n-core against the simulator. These files share one module graph too; the
			// setup file resets what the node keeps per process (learned task durations) before each file.
			{
				extends: true,
				test: { name: 'node', include: ['test/**/*.test.ts'], exclude: [...FUNCTION_TESTS], isolate: false, setupFiles: ['test/harness/freshNode.ts'] },
			},
		],
	},
});
