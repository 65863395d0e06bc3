import type { IDisplayOptions, IExecuteFunctions } from 'n8n-workflow';

/**
 * How long Submit and Wait waits when it runs as an agent's tool, unless Max Wait is set: below
 * the 65 s up to which n8n's Wait node keeps a wait in the running process, and leaving the agent
 * time for its model calls before a chat trigger's reply times out (about 90 s behind a proxy).
 */
export const TOOL_MAX_WAIT_SECONDS = 60;

/** Shown only in the tool variant n8n generates (node type `odiRouterTool`), and only outside it. */
export const TOOL_ONLY: IDisplayOptions = { show: { '@tool': [true] } };
export const NOT_IN_TOOL: IDisplayOptions = { hide: { '@tool': [true] } };

/**
 * Whether the node runs as an AI agent's tool. n8n generates the tool variant of a `usableAsTool`
 * node under the node's type name plus `Tool`, and runs it under that type; its own `@tool`
 * display option uses the same rule.
 */
export function isToolMode(ctx: Pick<IExecuteFunctions, 'getNode'>): boolean {
	return ctx.getNode().type.endsWith('Tool');
}
