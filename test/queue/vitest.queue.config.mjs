import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/queue/**/*.queue.ts'],
		environment: 'node',
		// One queue-mode stack (Redis, PostgreSQL, n8n main, workers) at a time on a 2-core machine.
		fileParallelism: false,
		// A worker-kill case waits for n8n to give up on the job, the crash-safe case for a 66 s Wait.
		testTimeout: 360_000,
		// The first run installs n8n into .cache/n8n (minutes); the stack itself starts in about a minute.
		hookTimeout: 900_000,
		globalSetup: ['test/e2e/installN8n.mjs'],
	},
});
