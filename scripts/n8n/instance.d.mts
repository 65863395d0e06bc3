import type { ChildProcess } from 'node:child_process';

export interface CliRun {
	code: number | null;
	stdout: string;
	stderr: string;
	seconds: number;
}

/** n8n's execution record as `n8n execute --rawOutput` prints it. */
export interface ExecutionRecord {
	data: {
		resultData: {
			runData: Record<string, Array<{ executionStatus?: string; data?: { main: Array<Array<ExecutedItem> | null> }; error?: ExecutionError }>>;
			error?: ExecutionError;
			lastNodeExecuted?: string;
		};
	};
	status?: string;
}

export interface ExecutedItem {
	json: Record<string, unknown>;
	binary?: Record<string, { mimeType: string; fileName?: string; fileSize?: string; bytes?: number; id?: string; fileExtension?: string }>;
	pairedItem?: { item: number } | Array<{ item: number }>;
	error?: ExecutionError;
}

export interface ExecutionError {
	message: string;
	description?: string | null;
	name?: string;
	httpCode?: string | null;
	context?: Record<string, unknown>;
	node?: { name: string };
}

export interface ExecuteResult extends CliRun {
	run: ExecutionRecord | undefined;
	ok: boolean;
}

export interface N8nServer {
	url: string;
	port: number;
	process: ChildProcess;
	output(): string;
	stop(): Promise<void>;
}

export interface N8nInstance {
	userFolder: string;
	env: Record<string, string | undefined>;
	cli(args: string[]): Promise<CliRun>;
	importCredentials(credentials: Array<{ id: string; name: string; type: string; data: Record<string, unknown> }>): Promise<CliRun>;
	importWorkflow(workflow: object | object[]): Promise<CliRun>;
	execute(workflowId: string): Promise<ExecuteResult>;
	startServer(options?: { port?: number }): Promise<N8nServer>;
	remove(): void;
}

export declare function createN8n(options?: { fileAccess?: string[]; n8nVersion?: string; env?: Record<string, string> }): Promise<N8nInstance>;
export declare function freePort(): Promise<number>;
