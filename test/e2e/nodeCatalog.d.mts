export interface NodeTypeDescription {
	name: string;
	version: number | number[];
	properties: Array<{ name: string }>;
	credentials?: Array<{ name: string }>;
}
export declare function nodeCatalog(n8nVersion: string): Map<string, NodeTypeDescription>;
export declare function unknownToN8n(
	workflow: { nodes: Array<{ name: string; type: string; typeVersion?: unknown; parameters: Record<string, unknown>; credentials?: Record<string, unknown> }> },
	catalog: Map<string, NodeTypeDescription>,
): string[];
