import type { WorkflowDocument } from '../../scripts/n8n/examples.mjs';
import { loadExample, nodeNamed } from '../../scripts/n8n/examples.mjs';
import { codeNode, manualTrigger } from '../../harness/workflows';

type WorkflowNode = WorkflowDocument['nodes'][number];

export const AGENT = 'AI Agent';
/** Example 5's tools: node name → the tool name the model sees (n8n: spaces become `_`). */
export const TOOLS = {
	makeVideo: 'Make Video',
	startVideo: 'Start Video',
	videoStatus: 'Video Status',
	videoResult: 'Video Result',
	cancelVideo: 'Cancel Video',
} as const;

export function toolName(nodeName: string): string {
	return nodeName.replace(/ /g, '_');
}

/** The OpenAI credential example 5 names, pointing at a scripted OpenAI-compatible server. */
export function scriptedModelCredential(workflow: WorkflowDocument, baseUrl: string) {
	const { id, name } = nodeNamed(workflow, 'OpenAI Chat Model').credentials?.openAiApi ?? { id: '', name: '' };
	return { id, name, type: 'openAiApi', data: { apiKey: 'sk-scripted', url: baseUrl } };
}

/**
 * Example 5 as the user imports it, with its Chat Trigger swapped for a Manual Trigger and a Code
 * node that sends the chat message (`n8n execute` cannot receive a chat), then `change` applied.
 */
export function agentExample(id: string, change: (workflow: WorkflowDocument) => void = () => {}): WorkflowDocument {
	const workflow = loadExample('5-');
	const chatTrigger = workflow.nodes.find((node) => node.type === '@n8n/n8n-nodes-langchain.chatTrigger');
	if (!chatTrigger) throw new Error('Example 5 has no Chat Trigger');
	const connections = workflow.connections as Record<string, unknown>;
	delete connections[chatTrigger.name];
	const message: WorkflowNode = codeNode('Chat Message', `return [{ json: { sessionId: 'e2e', chatInput: 'Make a video of this lake' } }];`);
	workflow.nodes = [
		...workflow.nodes.filter((node) => node !== chatTrigger),
		{ id: `${id}-run`, position: [-440, 0], ...manualTrigger() },
		{ id: `${id}-msg`, position: [-220, 0], ...message },
	];
	connections.Run = { main: [[{ node: 'Chat Message', type: 'main', index: 0 }]] };
	connections['Chat Message'] = { main: [[{ node: AGENT, type: 'main', index: 0 }]] };
	workflow.id = id;
	workflow.name = `e2e: ${workflow.name} (${id})`;
	change(workflow);
	return workflow;
}
