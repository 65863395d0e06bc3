export declare const SIM_API_KEY: string;

export interface Fault {
	status?: number;
	retryAfter?: string;
	body?: unknown;
	html?: boolean;
	malformed?: boolean;
	empty?: boolean;
	delayMs?: number;
	drop?: 'before' | 'after';
	breakAfterBytes?: number;
	/** Cancel: the task finishes just before the cancel is handled (it answers 400 ALREADY_COMPLETED). */
	finishBeforeCancel?: boolean;
	/** File: the body gzip-encoded, with `Content-Encoding: gzip` and the encoded Content-Length. */
	gzip?: boolean;
}

export type EndpointKind = 'submit' | 'status' | 'result' | 'cancel' | 'file';

export interface LogEntry {
	method: string;
	path: string;
	host: 'api' | 'video';
	auth: string | null;
	at: number;
	kind: EndpointKind | 'image' | 'other';
	requestId?: string | null;
	call?: number;
	body?: Record<string, unknown>;
	bodyBytes?: number;
	/** Image links (`/images/...`): the Range asked for, bytes the socket sent, whether the whole answer went out. */
	range?: string | null;
	bytesSent?: number;
	finished?: boolean;
}

export interface SimTask {
	id: string;
	model: string;
	body: Record<string, unknown>;
	state: string;
	createdAt: number;
	finishedAt: number | null;
	noticedAt: number | null;
}

export interface SimulatorOptions {
	apiKey?: string;
	queuedPolls?: number;
	runningPolls?: number;
	durationMs?: number | ((task: SimTask) => number);
	queueMs?: number;
	videoBytes?: number;
	/** Serve PLAYABLE_CLIP (a real H.264 MP4) instead of `videoBytes` of filler. */
	playableVideo?: boolean;
	resultShape?: 'outputs' | 'video_url' | 'video.url' | 'file.download_url' | 'none';
	failWhenPromptIncludes?: string;
	pathPrefix?: string;
	separateVideoHost?: boolean;
	videoUrl?: string;
	foreignUrls?: boolean;
}

export interface Simulator {
	apiKey: string;
	origin: string;
	videoOrigin: string;
	baseUrl: string;
	log: LogEntry[];
	tasks: Map<string, SimTask>;
	stats: { active: number; maxActive: number };
	video: Buffer;
	inject(kind: EndpointKind, fault: Fault, callNumbers?: number[] | 'all'): void;
	/** A fault on `kind` requests about tasks whose prompt includes `promptIncludes`: each such task's first `times` requests, or those in its first `forMs`. */
	injectForTask(kind: 'status' | 'result' | 'cancel', fault: Fault, rule: { promptIncludes: string; times?: number; forMs?: number }): void;
	clearFaults(): void;
	count(kind: EndpointKind | 'image' | 'other'): number;
	finish(id: string): void;
	close(): Promise<void>;
}

export declare const PLAYABLE_CLIP: { path: string; seconds: number; width: number; height: number; fps: number };
export declare function fakeMp4(size: number): Buffer;
export declare function startSimulator(options?: SimulatorOptions): Promise<Simulator>;
