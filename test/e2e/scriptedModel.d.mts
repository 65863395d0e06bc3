export interface ChatMessage {
	role: string;
	content?: unknown;
	tool_call_id?: string;
	tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
}

export interface ToolDefinition {
	type: 'function';
	function: { name: string; description: string; parameters: Record<string, unknown> };
}

export interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	tools?: ToolDefinition[];
	stream?: boolean;
}

/** What the model answers: call one tool with these arguments, several tools at once, or end with a text. */
export type Reply = { tool: string; args: Record<string, unknown> } | { tools: Array<{ tool: string; args: Record<string, unknown> }> } | { text: string };

/** One step of a script: a fixed reply, or one built from the request (e.g. from the last tool result). */
export type Step = Reply | ((request: ChatRequest) => Reply);

export interface ScriptedModel {
	/** `http://127.0.0.1:<port>/v1`, the `url` of an n8n OpenAI credential. */
	baseUrl: string;
	/** Every chat-completions request body, in order. */
	requests: ChatRequest[];
	/** Replaces the script; its replies are given in order, one per request. */
	play(steps: Step[]): void;
	/** Steps of the current script not used yet. */
	remaining(): number;
	close(): Promise<void>;
}

export declare function toolResults(request: ChatRequest): string[];
export declare function lastToolResult(request: ChatRequest): unknown;
export declare function startScriptedModel(): Promise<ScriptedModel>;
