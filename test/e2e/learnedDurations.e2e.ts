import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { readBytes } from './files.mjs';
import { callWebhook, LEARNING_BATCH, LEARNING_TASK_MS, learnRequest, learningWorkflow, pollAges, samePlan } from './learningWorkflow';
import { report } from './report.mjs';
import type { E2eSuite } from './suite';
import { startSuite } from './suite';

describe('what a workflow learned survives an n8n restart (production executions, static data)', () => {
	let suite: E2eSuite;

	beforeAll(async () => {
		suite = await startSuite({ durationMs: LEARNING_TASK_MS });
		await suite.n8n.importWorkflow(learningWorkflow);
		// Webhooks answer only for an active (2.x: published) workflow.
		const activate = inject('n8nVersion').startsWith('1.')
			? ['update:workflow', `--id=${learningWorkflow.id}`, '--active=true']
			: ['publish:workflow', `--id=${learningWorkflow.id}`];
		const run = await suite.n8n.cli(activate);
		if (run.code !== 0) throw new Error(`n8n ${activate[0]} failed:\n${run.stdout}\n${run.stderr}`);
	});
	afterAll(async () => suite?.close());

	it('after a restart, the first task is polled on the learned plan (not the cold one) and Submit gives an ETA', async () => {
		let n8n = await suite.n8n.startServer();
		let cold: number[];
		let warm: number[];
		try {
			const [fresh] = await callWebhook(n8n.url, 'odirouter-submit', {});
			expect(fresh.eta_seconds).toBeNull();
			const batch = await callWebhook(n8n.url, 'odirouter-learn', learnRequest(LEARNING_BATCH));
			expect(batch.map((item) => item.status)).toEqual(Array(LEARNING_BATCH).fill('completed'));
			cold = pollAges(suite.sim, String(batch[0].request_id));
			const [warmItem] = await callWebhook(n8n.url, 'odirouter-learn', learnRequest(1));
			warm = pollAges(suite.sim, String(warmItem.request_id));
		} finally {
			await n8n.stop();
		}

		// What n8n saved with the workflow: small, no URL, no key.
		const file = `${suite.files}/exported.json`;
		const exported = await suite.n8n.cli(['export:workflow', `--id=${learningWorkflow.id}`, `--output=${file}`]);
		if (exported.code !== 0) throw new Error(`n8n export:workflow failed:\n${exported.stdout}\n${exported.stderr}`);
		const saved = JSON.parse(readBytes(file)?.toString('utf8') ?? '[]') as Array<{ staticData?: unknown }>;
		const staticData = JSON.stringify(saved[0]?.staticData ?? null);
		expect(staticData).toContain('odiRouterDurations');
		expect(staticData.length).toBeLessThan(4096);
		expect(staticData).not.toContain('127.0.0.1');
		expect(staticData).not.toContain(suite.sim.apiKey);

		n8n = await suite.n8n.startServer();
		try {
			const [afterRestart] = await callWebhook(n8n.url, 'odirouter-learn', learnRequest(1));
			expect(afterRestart.status).toBe('completed');
			const restarted = pollAges(suite.sim, String(afterRestart.request_id));
			const [submitted] = await callWebhook(n8n.url, 'odirouter-submit', {});
			report(`learned durations, n8n ${inject('n8nVersion')}: ${JSON.stringify({ cold, warm, restarted, eta: submitted.eta_seconds, staticDataBytes: staticData.length })}`);

			expect(samePlan(cold, warm)).toBe(false);
			expect(samePlan(restarted, warm)).toBe(true);
			// The tasks last 5 s and were seen to end between 4 and 8 s: about 6-7 s.
			expect(submitted.eta_seconds).toBeGreaterThanOrEqual(4);
			expect(submitted.eta_seconds).toBeLessThanOrEqual(9);
		} finally {
			await n8n.stop();
		}
	});
});
