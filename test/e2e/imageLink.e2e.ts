import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { WorkflowDocument } from '../../scripts/n8n/examples.mjs';
import { assertSucceeded, outputOf, workflowError } from './runData';
import type { E2eSuite } from './suite';
import { requestsSince, startSuite, submitsSince } from './suite';
import { codeNode, linearWorkflow, manualTrigger, odiRouterNode } from '../../harness/workflows';

/** Image links read through n8n's own request helper (2.x's outbound HTTP, 1.x's axios helper). */
describe('image links are checked in a real n8n before anything is billed', () => {
	let suite: E2eSuite;
	let workflows: Record<'mixed' | 'badLink', WorkflowDocument>;

	beforeAll(async () => {
		suite = await startSuite({});
		const links = [`${suite.sim.origin}/images/1280x720.jpg`, `${suite.sim.origin}/images/200x200.png`, `${suite.sim.origin}/images/1280x720.png?status=503`];
		workflows = {
			// The links are known once the simulator runs, so the workflows are made here.
			mixed: linearWorkflow('OdiRouterE2eImg01', 'e2e: a good, a bad and an unreachable image link', [
				manualTrigger(),
				codeNode('Links', `return ${JSON.stringify(links)}.map((url) => ({ json: { url } }));`),
				odiRouterNode('Submit Task', { operation: 'submit', imageUrl: '={{ $json.url }}', options: { maxConcurrency: 1 } }, { continueOnFail: true }),
			]),
			badLink: linearWorkflow('OdiRouterE2eImg02', 'e2e: a 404 image link', [
				manualTrigger(),
				odiRouterNode('Submit Task', { operation: 'submit', imageUrl: `${suite.sim.origin}/images/1280x720.png?status=404` }),
			]),
		};
		await suite.n8n.importWorkflow(Object.values(workflows));
	});
	afterAll(async () => suite?.close());

	it('passes a good link, refuses a 200×200 one before submitting, submits past a 503 saying it was not checked', async () => {
		const mark = suite.sim.log.length;
		const result = await suite.n8n.execute(workflows.mixed.id);
		assertSucceeded(result);

		const [good, bad, unreachable] = outputOf(result, 'Submit Task');
		expect(good.json).toMatchObject({ request_id: expect.stringMatching(/^mmsu_/), image_check: 'passed' });
		expect(String(bad.json.error)).toMatch(/^Image URL links to a file that is 200×200 px: its short side, 200 px, is not over 300 px\. Allowed: /);
		expect(unreachable.json).toMatchObject({ request_id: expect.stringMatching(/^mmsu_/), image_check: 'not checked: the host answered 503' });
		expect(submitsSince(suite.sim, mark).map((entry) => entry.requestId)).toEqual([good.json.request_id, unreachable.json.request_id]);
		const probes = requestsSince(suite.sim, mark).filter((entry) => entry.kind === 'image');
		expect(probes.map((entry) => [entry.range, entry.auth])).toEqual(Array(3).fill(['bytes=0-262143', null]));
	});

	it('stops the run on a 404 link with an error that says what is wrong and what is allowed; nothing is submitted', async () => {
		const mark = suite.sim.log.length;
		const result = await suite.n8n.execute(workflows.badLink.id);
		expect(result.ok).toBe(false);
		const error = workflowError(result);
		expect(error.message).toMatch(/^Image URL links to a file that is not there: its host answered 404\. Allowed: a link that serves a JPG\/JPEG, PNG or WebP image/);
		expect(error.description).toContain('Nothing was sent to OdiRouter for this item. Change Image URL');
		expect(`${result.stdout}${result.stderr}`).not.toContain('do-not-leak');
		expect(submitsSince(suite.sim, mark)).toEqual([]);
	});
});
