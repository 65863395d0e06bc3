import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: [process.env.BENCH_FILE ?? 'bench/**/*.measure.ts'],
		environment: 'node',
		pool: 'forks',
		fileParallelism: false,
		testTimeout: 300_000,
		execArgv: ['--expose-gc'],
	},
});
