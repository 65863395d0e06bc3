import { it } from 'vitest';

import { startSimulator } from '../simulator/server.mjs';
import { dataUrl, png } from '../harness/images';
import { runNode } from '../harness/runNode';
import { record } from './probe.mjs';

const TASK_MS = 5000;

async function batch(items: number, maxConcurrency: number, prefix: string) {
	const sim = await startSimulator({ durationMs: TASK_MS });
	try {
		const started = Date.now();
		const { items: output, error } = await runNode({
			parameters: {
				operation: 'submitAndWait',
				imageUrl: dataUrl(png(1280, 720)),
				options: { pollInterval: 1, maxConcurrency },
			},
			items: Array.from({ length: items }, (_, n) => ({ json: { n } })),
			credentials: { apiKey: sim.apiKey, baseUrl: sim.baseUrl },
		});
		const wall = (Date.now() - started) / 1000;
		if (error || output.length !== items) throw new Error(`batch failed: ${error?.message ?? output.length}`);
		const delays = [...sim.tasks.values()].map((task) => ((task.noticedAt ?? 0) - (task.finishedAt ?? 0)) / 1000).sort((a, b) => a - b);
		record(`${prefix}.items`, items);
		record(`${prefix}.wallS`, wall);
		record(`${prefix}.statusRequestsPerTask`, sim.count('status') / items);
		record(`${prefix}.medianNoticeDelayS`, delays[Math.floor(delays.length / 2)]);
		record(`${prefix}.worstNoticeDelayS`, delays[delays.length - 1]);
		record(`${prefix}.maxRunningAtOnce`, sim.stats.maxActive);
	} finally {
		await sim.close();
	}
}

it('runs 1, 10 and 50 items of 5-s tasks concurrently, and 5 items one at a time', { timeout: 120_000 }, async () => {
	record('concurrent.taskS', TASK_MS / 1000);
	await batch(1, 50, 'concurrent.n1');
	await batch(10, 50, 'concurrent.n10');
	await batch(50, 50, 'concurrent.n50');
	await batch(5, 1, 'concurrent.sequential5');
});
