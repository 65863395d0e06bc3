import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/ui/**/*.ui.ts'],
		environment: 'node',
		// Each file starts its own n8n and Chromium: one at a time on two cores.
		fileParallelism: false,
		// The steps share one editor page and follow each other, like a person's clicks; n8n's editor
		// takes 13-16 s to load on two cores, longer when the CPU is shared.
		testTimeout: 120_000,
		// The first run installs n8n into .cache/n8n (minutes).
		hookTimeout: 900_000,
	},
});
