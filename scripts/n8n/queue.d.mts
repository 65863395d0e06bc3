import type { Daemon } from './daemon.mjs';
import type { Postgres, Redis } from './databases.mjs';

export interface QueueSetup {
	credentials: Array<{ id: string; name: string; type: string; data: Record<string, unknown> }>;
	/** Imported and published: n8n 2.x webhooks answer only for published workflows. */
	workflows: Array<{ id: string; nodes?: Array<{ type: string; parameters?: { path?: string } }> }>;
	workers?: number;
	concurrency?: number;
	env?: Record<string, string>;
	/** Another n8n than the pinned one (the last 1.x, say), installed into .cache/n8n when missing. */
	n8nVersion?: string;
}

export interface QueueMode {
	url: string;
	main: Daemon;
	/** Every worker started, killed ones included, in start order. */
	workers: Daemon[];
	redis: Redis;
	postgres: Postgres;
	logFolder: string;
	/** One more worker; `env`: settings for it alone (its binary data mode, say). */
	startWorker(env?: Record<string, string>): Promise<Daemon>;
	webhook(path: string, body: unknown): Promise<Response>;
	stop(): Promise<void>;
}

export declare function startQueueMode(setup: QueueSetup): Promise<QueueMode>;
