import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: [process.env.BENCH_FILE ?? 'bench/**/*.measure.ts'],
		environment: 'node',
		pool: 'forks',
		fileParallelism: false,
		// A measurement, not a timed test: the warm replays take minutes on a loaded machine.
		testTimeout: 1_800_000,
		execArgv: ['--expose-gc'],
	},
});
