import type { WorkflowDocument } from '../scripts/n8n/examples.mjs';
import { EXAMPLE_CREDENTIAL } from '../scripts/n8n/examples.mjs';

type WorkflowNode = WorkflowDocument['nodes'][number];

/** What makes a node what it is, without its name and place on the canvas. */
export interface NodeSettings {
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
}

export const manualTriggerSettings: NodeSettings = { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };

export function manualTrigger(): WorkflowNode {
	return { name: 'Run', ...manualTriggerSettings };
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

/**
 * The workflow with one node replaced by another of the same name (id, position and connections
 * kept): how the tests stand n8n's own nodes in for the Google nodes, which need a Google account.
 */
export function withNodeReplaced(
	workflow: WorkflowDocument,
	name: string,
	replacement: NodeSettings,
): WorkflowDocument {
	const copy = structuredClone(workflow);
	const index = copy.nodes.findIndex((node) => node.name === name);
	if (index < 0) throw new Error(`Workflow "${workflow.name}" has no node "${name}"`);
	const { id, position, onError } = copy.nodes[index];
	const { type, typeVersion, parameters } = replacement;
	copy.nodes[index] = { id, name, position, type, typeVersion, parameters, ...(onError ? { onError } : {}) };
	return copy;
}

/** Read/Write Files from Disk reading `path` into the binary field `field`. */
export function readFileNode(path: string, field: string): NodeSettings {
	return { type: 'n8n-nodes-base.readWriteFile', typeVersion: 1, parameters: { fileSelector: path, options: { dataPropertyName: field } } };
}

/** Read/Write Files from Disk writing the binary field `field` to `fileName` (an expression is fine). */
export function writeFileNode(fileName: string, field: string): NodeSettings {
	return { type: 'n8n-nodes-base.readWriteFile', typeVersion: 1, parameters: { operation: 'write', fileName, dataPropertyName: field, options: {} } };
}

/**
 * A Code node (once per item) that returns exactly these fields, each an n8n expression (`={{ … }}`)
 * or a plain value: what a Google Sheets row update would write. A Code node, not Edit Fields: n8n
 * 1.123's Edit Fields gives null for `$('Node').item` in these runs.
 */
export function rowUpdateNode(fields: Record<string, unknown>): NodeSettings {
	const code = Object.entries(fields).map(([name, value]) => {
		const expression = typeof value === 'string' ? /^=\{\{(.*)\}\}$/s.exec(value)?.[1].trim() : undefined;
		return `${JSON.stringify(name)}: ${expression ?? JSON.stringify(value)}`;
	});
	return {
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		parameters: { mode: 'runOnceForEachItem', jsCode: `return { json: { ${code.join(', ')} } };` },
	};
}

/** A Code node's stand-in settings that return these rows as items. */
export function rowsNode(rows: Record<string, unknown>[]): NodeSettings {
	return { type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: `return ${JSON.stringify(rows)}.map((json) => ({ json }));` } };
}
