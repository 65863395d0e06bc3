import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/e2e/**/*.e2e.ts'],
		environment: 'node',
		// One real n8n at a time: each test file starts its own, and each `n8n execute` starts n8n.
		fileParallelism: false,
		testTimeout: 180_000,
		// The first run installs n8n into .cache/n8n (minutes).
		hookTimeout: 900_000,
		globalSetup: ['test/e2e/installN8n.mjs'],
	},
});
