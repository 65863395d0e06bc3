import type { WorkflowDocument } from '../../scripts/n8n/examples.mjs';
import { EXAMPLE_CREDENTIAL } from '../../scripts/n8n/examples.mjs';

type WorkflowNode = WorkflowDocument['nodes'][number];

export function manualTrigger(): WorkflowNode {
	return { name: 'Run', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };
}

/** A Code node ("Run Once for All Items") whose JavaScript returns n8n items. */
export function codeNode(name: string, jsCode: string): WorkflowNode {
	return { name, type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode } };
}

export function odiRouterNode(
	name: string,
	parameters: Record<string, unknown>,
	settings: { credential?: { id: string; name: string }; continueOnFail?: boolean } = {},
): WorkflowNode {
	return {
		name,
		type: 'n8n-nodes-odirouter.odiRouter',
		typeVersion: 1,
		parameters: { options: {}, ...parameters },
		credentials: { odiRouterApi: settings.credential ?? EXAMPLE_CREDENTIAL },
		...(settings.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
	};
}

/** Submit and Wait on each item's `prompt` (one image URL, no download): the failure cases' node. */
export function submitAndWaitOnPrompts(settings: { continueOnFail?: boolean } = {}): WorkflowNode {
	const parameters = {
		operation: 'submitAndWait',
		imageUrl: 'https://picsum.photos/id/1015/1280/720.jpg',
		prompt: '={{ $json.prompt }}',
		downloadVideo: false,
		options: { pollInterval: 1 },
	};
	return odiRouterNode('Image to Video', parameters, settings);
}

/** A workflow whose nodes run one after the other, as `n8n import:workflow` takes it. */
export function linearWorkflow(id: string, name: string, nodes: WorkflowNode[]): WorkflowDocument {
	const connections: Record<string, unknown> = {};
	nodes.slice(0, -1).forEach((node, index) => {
		connections[node.name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	});
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: nodes.map((node, index) => ({ id: `${id}-${index}`, position: [index * 220, 0], ...node })),
		connections,
	};
}
