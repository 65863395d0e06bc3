export interface Daemon {
	name: string;
	pid: number;
	logFile: string;
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	output(): string;
	isRunning(): boolean;
	waitFor(pattern: RegExp, timeoutMs: number, from?: number): Promise<RegExpExecArray>;
	kill(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	stop(signal?: NodeJS.Signals, graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export declare function startDaemon(name: string, command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; logFile: string }): Daemon;
