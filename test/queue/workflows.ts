import type { WorkflowDocument } from '../../scripts/n8n/examples.mjs';
import { codeNode, linearWorkflow, odiRouterNode } from '../../harness/workflows';

type WorkflowNode = WorkflowDocument['nodes'][number];

/** The first frame every queue-mode call sends: a real image (the simulator does not fetch it; the node's image check reads its first bytes, or says it did not where n8n has no internet). */
const IMAGE_URL = 'https://picsum.photos/id/1015/1280/720.jpg';

/** What a prompt carries to make the simulator's task slow (see taskLength in queue.e2e.ts). */
export const SLOW_TASK = '[slow task]';
export const WAITED_TASK = '[waited task]';

/** A webhook trigger; the caller gets what `respond` says once the last node has run. */
function webhook(path: string, respond: 'firstEntryBinary' | 'allEntries' | 'onReceived'): WorkflowNode {
	const answer = respond === 'onReceived' ? { responseMode: 'onReceived' } : { responseMode: 'lastNode', responseData: respond };
	return {
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: `odirouter-queue-${path}`,
		parameters: { httpMethod: 'POST', path, ...answer, options: {} },
	};
}

const submitAndWait = (prompt: string, extra: Record<string, unknown> = {}) =>
	odiRouterNode('Image to Video', {
		operation: 'submitAndWait',
		imageUrl: IMAGE_URL,
		prompt,
		...extra,
		options: { pollInterval: 1, ...((extra.options as object) ?? {}) },
	});

/** One video per call, answered with the video's bytes (stored in n8n's binary data store). */
export const videoPerCall = linearWorkflow('OdiRouterQueue01', 'Queue: one video per webhook call', [
	webhook('odirouter-video', 'firstEntryBinary'),
	submitAndWait('={{ $json.body.prompt }}'),
]);

/** A batch of items in one execution: a Code node makes `count` items, Submit and Wait runs them. */
export const batchOfItems = linearWorkflow('OdiRouterQueue02', 'Queue: a batch of items in one execution', [
	webhook('odirouter-batch', 'allEntries'),
	codeNode(
		'Items',
		"return Array.from({ length: $json.body.count }, (_, index) => ({ json: { prompt: `batch item ${index}` } }));",
	),
	submitAndWait('={{ $json.prompt }}', { downloadVideo: false, options: { maxConcurrency: 3 } }),
]);

/** Submit → Get Status → Cancel → Get Status, answered with what each one returned. */
export const operations = linearWorkflow('OdiRouterQueue03', 'Queue: Submit, Get Status, Cancel', [
	webhook('odirouter-operations', 'allEntries'),
	odiRouterNode('Submit', { operation: 'submit', imageUrl: IMAGE_URL, prompt: `cancel me ${SLOW_TASK}` }),
	odiRouterNode('Get Status', { operation: 'getStatus', requestId: "={{ $('Submit').item.json.request_id }}" }),
	odiRouterNode('Cancel', { operation: 'cancel', requestId: "={{ $('Submit').item.json.request_id }}" }),
	odiRouterNode('Status After Cancel', { operation: 'getStatus', requestId: "={{ $('Submit').item.json.request_id }}" }),
	codeNode(
		'Answer',
		"return [{ json: { submitted: $('Submit').first().json, status: $('Get Status').first().json, cancelled: $('Cancel').first().json, after: $('Status After Cancel').first().json } }];",
	),
]);

/** Get Result by request ID, answered with the video's bytes. */
export const resultById = linearWorkflow('OdiRouterQueue04', 'Queue: Get Result by request ID', [
	webhook('odirouter-result', 'firstEntryBinary'),
	odiRouterNode('Get Result', { operation: 'getResult', requestId: '={{ $json.body.request_id }}' }),
]);

/** A long Submit and Wait: its worker is killed while it waits. */
export const longWait = linearWorkflow('OdiRouterQueue05', 'Queue: a long Submit and Wait', [
	webhook('odirouter-long-wait', 'allEntries'),
	submitAndWait(`killed while waiting ${SLOW_TASK}`, { downloadVideo: false }),
]);

/**
 * The crash-safe shape: Submit → Wait (over 65 s, so n8n parks the execution in the database and no
 * worker holds it) → Get Result → IF the video is there, else back to the Wait.
 */
export function crashSafe(waitSeconds: number): WorkflowDocument {
	const workflow = linearWorkflow('OdiRouterQueue06', 'Queue: Submit, Wait, Get Result (crash-safe)', [
		webhook('odirouter-crash-safe', 'onReceived'),
		odiRouterNode('Submit', { operation: 'submit', imageUrl: IMAGE_URL, prompt: `survives a worker ${WAITED_TASK}` }),
		{
			name: 'Wait',
			type: 'n8n-nodes-base.wait',
			typeVersion: 1.1,
			webhookId: 'odirouter-queue-crash-safe-wait',
			parameters: { resume: 'timeInterval', amount: waitSeconds, unit: 'seconds' },
		},
		odiRouterNode('Get Result', { operation: 'getResult', requestId: '={{ $json.request_id }}' }),
		{
			name: 'Video Ready?',
			type: 'n8n-nodes-base.if',
			typeVersion: 2.2,
			parameters: {
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
					conditions: [{ id: 'ready', leftValue: '={{ $json.status }}', rightValue: 'completed', operator: { type: 'string', operation: 'equals' } }],
					combinator: 'and',
				},
				options: {},
			},
		},
		{ name: 'Video', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} },
	]);
	// Not ready yet: the IF's false output goes back to the Wait.
	workflow.connections['Video Ready?'] = {
		main: [[{ node: 'Video', type: 'main', index: 0 }], [{ node: 'Wait', type: 'main', index: 0 }]],
	};
	return workflow;
}
