// @ts-check
// The node types an installed n8n ships, read from its packages' dist/types/nodes.json (what its
// editor loads), and what a workflow asks of them that this n8n would not know.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { projectRoot } from '../../scripts/n8n/install.mjs';

/** n8n's own packages and the prefix their node types have in a workflow. */
const PACKAGES = [
	{ prefix: 'n8n-nodes-base.', folder: 'n8n-nodes-base' },
	{ prefix: '@n8n/n8n-nodes-langchain.', folder: '@n8n/n8n-nodes-langchain' },
];

/**
 * @typedef {{ name: string, version: number | number[], properties: { name: string }[], credentials?: { name: string }[] }} NodeTypeDescription
 * @param {string} n8nVersion @returns {Map<string, NodeTypeDescription>} by `type@version`
 */
export function nodeCatalog(n8nVersion) {
	const installed = join(projectRoot, '.cache', 'n8n', `n8n-${n8nVersion}`, 'node_modules');
	/** @type {Map<string, NodeTypeDescription>} */
	const catalog = new Map();
	for (const { prefix, folder } of PACKAGES) {
		const file = [join(installed, folder), join(installed, 'n8n', 'node_modules', folder)]
			.map((packageFolder) => join(packageFolder, 'dist', 'types', 'nodes.json'))
			.find((candidate) => existsSync(candidate));
		if (!file) throw new Error(`n8n ${n8nVersion} in ${installed} has no ${folder}`);
		/** @type {NodeTypeDescription[]} */
		const descriptions = JSON.parse(readFileSync(file, 'utf8'));
		for (const description of descriptions) {
			for (const version of [description.version].flat()) catalog.set(`${prefix}${description.name}@${version}`, description);
		}
	}
	return catalog;
}

/**
 * What this n8n would not know in a workflow: a type or version of its own nodes it does not ship,
 * a parameter name the node's description lacks, a credential type the node does not take. Our own
 * nodes are left out (the example runs check them).
 * @param {{ nodes: { name: string, type: string, typeVersion?: unknown, parameters: Record<string, unknown>, credentials?: Record<string, unknown> }[] }} workflow
 * @param {Map<string, NodeTypeDescription>} catalog
 * @returns {string[]}
 */
export function unknownToN8n(workflow, catalog) {
	/** @type {string[]} */
	const problems = [];
	for (const node of workflow.nodes) {
		if (!PACKAGES.some(({ prefix }) => node.type.startsWith(prefix))) continue;
		const description = catalog.get(`${node.type}@${String(node.typeVersion)}`);
		if (!description) {
			problems.push(`${node.name}: ${node.type} version ${String(node.typeVersion)}`);
			continue;
		}
		const parameterNames = new Set(description.properties.map((property) => property.name));
		for (const parameter of Object.keys(node.parameters)) {
			if (!parameterNames.has(parameter)) problems.push(`${node.name}: parameter ${parameter}`);
		}
		const credentialTypes = new Set((description.credentials ?? []).map((credential) => credential.name));
		for (const credential of Object.keys(node.credentials ?? {})) {
			if (!credentialTypes.has(credential)) problems.push(`${node.name}: credential ${credential}`);
		}
	}
	return problems;
}
