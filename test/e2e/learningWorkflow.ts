import { sleep } from 'n8n-workflow';

import type { WorkflowDocument } from '../../scripts/n8n/examples.mjs';
import type { Simulator } from '../../simulator/server.mjs';
import { odiRouterNode } from '../../harness/workflows';

/** Every task takes 5 s: the cold plan (every 4 s) sees it done at 8 s; a learned plan looks between. */
export const LEARNING_TASK_MS = 5000;
export const LEARNING_BATCH = 12;
const IMAGE_URL = 'https://example.com/first-frame.png';

type WorkflowNode = WorkflowDocument['nodes'][number];

function webhook(name: string, path: string): WorkflowNode {
	return {
		name,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: `odirouter-learn-${path}`,
		parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
	};
}

/**
 * One workflow, two production entries: `odirouter-learn` runs Submit and Wait on the items it is sent
 * at once, `odirouter-submit` only submits. Both share the workflow's static data, where the node keeps
 * what it learned.
 */
export const learningWorkflow: WorkflowDocument = {
	id: 'OdiRouterLearn01',
	name: 'e2e: learned durations survive a restart',
	active: false,
	settings: { executionOrder: 'v1' },
	nodes: [
		webhook('Learn', 'odirouter-learn'),
		// Split Out, not a Code node: the node keeps what it learned in the workflow only when no Code
		// node (which may keep state there too) runs before it.
		{
			name: 'Items',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'body.items', options: {} },
		},
		odiRouterNode('Submit and Wait', {
			operation: 'submitAndWait',
			imageUrl: IMAGE_URL,
			prompt: '={{ $json.prompt }}',
			downloadVideo: false,
			options: { maxConcurrency: LEARNING_BATCH },
		}),
		webhook('Submit Only', 'odirouter-submit'),
		odiRouterNode('Submit', { operation: 'submit', imageUrl: IMAGE_URL, prompt: 'how long?' }),
	].map((node, index) => ({ id: `learn-${index}`, position: [index * 220, 0], ...node })),
	connections: {
		Learn: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
		Items: { main: [[{ node: 'Submit and Wait', type: 'main', index: 0 }]] },
		'Submit Only': { main: [[{ node: 'Submit', type: 'main', index: 0 }]] },
	},
};

/** The `odirouter-learn` webhook's body: `count` tasks, each its own item. */
export function learnRequest(count: number): { items: Array<{ prompt: string }> } {
	return { items: Array.from({ length: count }, (_, index) => ({ prompt: `task ${index}` })) };
}

/** Ages (s, from submit) at which the simulator was asked for a task's status. */
export function pollAges(sim: Simulator, requestId: string): number[] {
	const task = sim.tasks.get(requestId);
	if (!task) throw new Error(`The simulator has no task ${requestId}`);
	return sim.log
		.filter((entry) => entry.kind === 'status' && entry.requestId === requestId)
		.map((entry) => Number(((entry.at - task.createdAt) / 1000).toFixed(2)));
}

/**
 * Whether two tasks were polled at the same ages, within a second: the same plan. A 5 s task is
 * polled at 4 s and 8 s on the cold plan (a fixed 4 s); the plan learned from such tasks skips what it
 * knows to be too early (one poll at about 6-7 s). A second, not less: the workflow's store keeps
 * durations in tenths of a second, widened outwards, and a busy machine shifts the ages the plans
 * learn from (measured under load: 6.88 s in the process that learned, 6.34 s after the restart).
 */
export function samePlan(a: number[], b: number[]): boolean {
	return a.length === b.length && a.every((age, n) => Math.abs(age - b[n]) < 1);
}

/** n8n registers a published workflow's webhooks a moment after it starts: a 404 is asked again. */
export async function callWebhook(url: string, path: string, body: unknown): Promise<Array<Record<string, unknown>>> {
	let response: Response;
	for (let attempt = 1; ; attempt++) {
		response = await fetch(`${url}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		if (response.status !== 404 || attempt >= 120) break;
		await response.text();
		await sleep(500);
	}
	const text = await response.text();
	if (!response.ok) throw new Error(`Webhook ${path} answered ${response.status}: ${text}`);
	const answer = JSON.parse(text) as Record<string, unknown> | Array<Record<string, unknown>>;
	return Array.isArray(answer) ? answer : [answer];
}
