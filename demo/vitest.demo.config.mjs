import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['demo/**/*.demo.ts'],
		environment: 'node',
		disableConsoleIntercept: true,
		testTimeout: 900_000,
	},
});
