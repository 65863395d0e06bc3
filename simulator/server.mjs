// @ts-check
// A local fake of the OdiRouter queue API for tests, demos and benchmarks. It answers in the shapes
// the README shows for each operation and can inject the faults a real queue API has. JavaScript,
// not TypeScript: n8n's node lint forbids node:http and timers in .ts files, and this is a test tool.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { IMAGE_PATH, serveImage } from './images.mjs';

export const SIM_API_KEY = 'sim-test-key-0000';

const QUEUE_PATH = /^\/v1\/queue\/([^/]+)$/;
const TASK_PATH = /^\/v1\/queue\/([^/]+)\/requests\/([^/]+)\/(status|response|cancel)$/;
const FILE_PATH = /^\/files\/([^/]+)$/;

/** A real H.264 MP4 that any player opens: the sample first frame (examples/first-frame.png) with the
 * camera pushing in, no other motion; made by makeClip.mjs. The `playableVideo` option serves it. */
export const PLAYABLE_CLIP = { path: fileURLToPath(new URL('./clips/push-in.mp4', import.meta.url)), seconds: 6, width: 960, height: 540, fps: 24 };

/** A small valid-looking MP4: an ftyp box followed by filler up to `size` bytes. */
export function fakeMp4(size) {
	const bytes = Buffer.alloc(Math.max(size, 32));
	bytes.writeUInt32BE(24, 0);
	bytes.write('ftypisom', 4, 'latin1');
	bytes.write('isommp41', 16, 'latin1');
	return bytes;
}

function listen(server) {
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function sendJson(res, status, body, headers = {}) {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
	res.end(text);
}

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @typedef {{ status?: number, retryAfter?: string, body?: unknown, html?: boolean, malformed?: boolean,
 *   empty?: boolean, delayMs?: number, drop?: 'before' | 'after', breakAfterBytes?: number,
 *   finishBeforeCancel?: boolean, gzip?: boolean }} Fault
 * @typedef {{ calls?: number[] | 'all', fault: Fault }} FaultRule
 * @typedef {{ promptIncludes: string, times?: number, forMs?: number, fault: Fault }} TaskFaultRule
 */

/**
 * @param {{ apiKey?: string, queuedPolls?: number, runningPolls?: number, durationMs?: number | ((task: any) => number),
 *   queueMs?: number, videoBytes?: number, playableVideo?: boolean, resultShape?: 'outputs' | 'video_url' | 'video.url' | 'file.download_url' | 'none',
 *   failWhenPromptIncludes?: string, pathPrefix?: string, separateVideoHost?: boolean, videoUrl?: string, foreignUrls?: boolean }} [options]
 */
export async function startSimulator(options = {}) {
	const apiKey = options.apiKey ?? SIM_API_KEY;
	const prefix = options.pathPrefix ?? '/model';
	/** @type {any[]} */
	const log = [];
	/** @type {Map<string, any>} */
	const tasks = new Map();
	/** @type {Record<string, FaultRule[]>} */
	const faults = {};
	/** @type {Record<string, number>} */
	const calls = {};
	/** @type {Record<string, TaskFaultRule[]>} */
	const taskFaults = {};
	const stats = { active: 0, maxActive: 0 };
	let counter = 0;
	let origin = '';
	let videoOrigin = '';
	const sockets = new Set();

	// Benchmarks and most tests want a body of a chosen size; the demo wants a video a person can watch.
	const video = options.playableVideo ? readFileSync(PLAYABLE_CLIP.path) : fakeMp4(options.videoBytes ?? 64 * 1024);
	const videoFacts = options.playableVideo ? { duration: PLAYABLE_CLIP.seconds, width: PLAYABLE_CLIP.width, height: PLAYABLE_CLIP.height } : undefined;

	function faultFor(kind) {
		const call = calls[kind];
		const rules = faults[kind] ?? [];
		const rule = rules.find((r) => r.calls === 'all' || r.calls === undefined || r.calls.includes(call));
		return rule?.fault ?? null;
	}

	/** A fault for this task's request: its prompt matches, and it is within the rule's first `times` requests or `forMs`. */
	function taskFaultFor(kind, task) {
		if (!task) return null;
		for (const rule of taskFaults[kind] ?? []) {
			if (!String(task.body.prompt ?? '').includes(rule.promptIncludes)) continue;
			const seen = (task.faultCalls ??= {});
			seen[kind] = (seen[kind] ?? 0) + 1;
			const byCount = rule.times === undefined || seen[kind] <= rule.times;
			const byTime = rule.forMs === undefined || Date.now() - task.createdAt < rule.forMs;
			if (byCount && byTime) return rule.fault;
		}
		return null;
	}

	function durationOf(task) {
		const duration = options.durationMs;
		return typeof duration === 'function' ? duration(task) : duration;
	}

	function setActive(task, active) {
		if (task.active === active) return;
		task.active = active;
		stats.active += active ? 1 : -1;
		stats.maxActive = Math.max(stats.maxActive, stats.active);
	}

	/** Moves a task on: by elapsed time when `durationMs` is set, else by the number of status polls. */
	function advance(task) {
		if (task.state === 'COMPLETED' || task.state === 'CANCELLED') return;
		const now = Date.now();
		const duration = durationOf(task);
		if (duration !== undefined) {
			const queueMs = options.queueMs ?? 0;
			const elapsed = now - task.createdAt;
			task.state = elapsed >= queueMs + duration ? 'COMPLETED' : elapsed >= queueMs ? 'IN_PROGRESS' : 'IN_QUEUE';
			if (task.state === 'COMPLETED') task.finishedAt = task.createdAt + queueMs + duration;
			return;
		}
		task.polls += 1;
		const queued = options.queuedPolls ?? 1;
		const running = options.runningPolls ?? 1;
		task.state = task.polls > queued + running ? 'COMPLETED' : task.polls > queued ? 'IN_PROGRESS' : 'IN_QUEUE';
		if (task.state === 'COMPLETED') task.finishedAt = now;
	}

	function statusBody(task) {
		const body = { status: task.state, request_id: task.id, queue_position: task.state === 'IN_QUEUE' ? 0 : undefined };
		if (task.state === 'COMPLETED' && task.fails) {
			return { ...body, error: 'Inference failed: the content could not be generated', error_type: 'INFERENCE_FAILURE' };
		}
		if (task.state === 'COMPLETED') return { ...body, metrics: { inference_time: 12.5 } };
		return body;
	}

	function resultBody(task) {
		const url = options.videoUrl ?? `${videoOrigin}/files/${task.id}.mp4`;
		const file = { url, content_type: 'video/mp4', file_name: `${task.id}.mp4`, file_size: video.length, ...(videoFacts ?? { duration: task.body.duration ?? 6, width: 1366, height: 768 }) };
		switch (options.resultShape ?? 'outputs') {
			case 'video_url':
				return { request_id: task.id, video_url: url };
			case 'video.url':
				return { request_id: task.id, video: { url, content_type: 'video/mp4', file_size: video.length } };
			case 'file.download_url':
				return { request_id: task.id, status: 'Success', file: { download_url: url, file_id: 1, filename: `${task.id}.mp4` } };
			case 'none':
				return { request_id: task.id, outputs: [], metadata: {} };
			default:
				return { request_id: task.id, outputs: [{ type: 'video', ...file }], metadata: { model: task.model } };
		}
	}

	function validate(body) {
		const errors = [];
		if (typeof body.first_frame_image !== 'string' || body.first_frame_image === '') errors.push({ loc: ['body', 'first_frame_image'], msg: 'field required', type: 'value_error.missing' });
		if (body.prompt !== undefined && (typeof body.prompt !== 'string' || [...body.prompt].length > 2000)) errors.push({ loc: ['body', 'prompt'], msg: 'at most 2000 characters', type: 'value_error' });
		if (body.duration !== undefined && ![6, 10].includes(body.duration)) errors.push({ loc: ['body', 'duration'], msg: 'must be 6 or 10', type: 'value_error' });
		if (body.resolution !== undefined && !['768P', '1080P'].includes(body.resolution)) errors.push({ loc: ['body', 'resolution'], msg: 'must be 768P or 1080P', type: 'value_error' });
		if (body.resolution === '1080P' && body.duration === 10) errors.push({ loc: ['body', 'duration'], msg: '1080P only supports 6 seconds', type: 'value_error' });
		return errors;
	}

	/** @returns {Promise<boolean>} whether the fault answered the request */
	async function applyFault(fault, req, res) {
		if (fault.delayMs) await wait(fault.delayMs);
		if (fault.drop === 'before') {
			req.socket.destroy();
			return true;
		}
		if (fault.drop === 'after') {
			await readBody(req);
			req.socket.destroy();
			return true;
		}
		if (fault.html) {
			res.writeHead(fault.status ?? 502, { 'content-type': 'text/html' });
			res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
			return true;
		}
		if (fault.malformed) {
			res.writeHead(fault.status ?? 200, { 'content-type': 'application/json' });
			res.end('{"request_id": "mmsu_trunc');
			return true;
		}
		if (fault.empty) {
			res.writeHead(fault.status ?? 200, { 'content-type': 'application/json' });
			res.end();
			return true;
		}
		if (fault.status) {
			const headers = fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {};
			const body = fault.body ?? (fault.status === 429
				? { error: { code: 'RATE_LIMIT_EXCEEDED', message: 'Too many requests' } }
				: fault.status === 401
					? { error: { code: 'UNAUTHORIZED', message: 'Invalid API key' } }
					: fault.status === 404
						? { detail: 'NOT_FOUND' }
						: { error: { code: 'INTERNAL_SERVER_ERROR', message: `Upstream error ${fault.status}` } });
			sendJson(res, fault.status, body, headers);
			return true;
		}
		return false;
	}

	async function handleFile(req, res, name, entry) {
		calls.file = (calls.file ?? 0) + 1;
		const fault = faultFor('file');
		if (fault?.breakAfterBytes !== undefined) {
			res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': video.length });
			res.write(video.subarray(0, fault.breakAfterBytes));
			await wait(20);
			req.socket.destroy();
			return;
		}
		if (fault && (await applyFault(fault, req, res))) return;
		if (!name.endsWith('.mp4')) return sendJson(res, 404, { detail: 'NOT_FOUND' });
		entry.status = 200;
		if (fault?.gzip) {
			// A host that compresses whatever it sends: Content-Length is the encoded size.
			const encoded = gzipSync(video);
			res.writeHead(200, { 'content-type': 'video/mp4', 'content-encoding': 'gzip', 'content-length': encoded.length });
			res.end(encoded);
			return;
		}
		res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': video.length });
		res.end(video);
	}

	async function handleApi(req, res, path, entry) {
		const queueMatch = QUEUE_PATH.exec(path);
		const taskMatch = TASK_PATH.exec(path);
		const kind = queueMatch && req.method === 'POST' ? 'submit' : taskMatch ? { status: 'status', response: 'result', cancel: 'cancel' }[taskMatch[3]] : 'other';
		entry.kind = kind;
		entry.requestId = taskMatch ? decodeURIComponent(taskMatch[2]) : null;
		calls[kind] = (calls[kind] ?? 0) + 1;
		entry.call = calls[kind];
		const fault = faultFor(kind);
		if (fault && (await applyFault(fault, req, res))) return;
		if (req.headers.authorization !== `Bearer ${apiKey}`) {
			return sendJson(res, 401, { error: { code: 'UNAUTHORIZED', message: 'Invalid or missing API key' }, request_id: null });
		}
		if (kind === 'submit') {
			const raw = await readBody(req);
			entry.bodyBytes = raw.length;
			let body;
			try {
				body = JSON.parse(raw.toString('utf8'));
			} catch {
				return sendJson(res, 422, { detail: 'Body is not valid JSON' });
			}
			entry.body = { ...body, first_frame_image: typeof body.first_frame_image === 'string' ? body.first_frame_image.slice(0, 64) : body.first_frame_image };
			const errors = validate(body);
			if (errors.length > 0) return sendJson(res, 422, { detail: errors });
			counter += 1;
			const id = `mmsu_${counter.toString().padStart(4, '0')}${randomBytes(4).toString('hex')}`;
			const model = decodeURIComponent(queueMatch[1]);
			const fails = options.failWhenPromptIncludes !== undefined && String(body.prompt ?? '').includes(options.failWhenPromptIncludes);
			const task = { id, model, body, state: 'IN_QUEUE', polls: 0, fails, createdAt: Date.now(), finishedAt: null, noticedAt: null, active: false };
			tasks.set(id, task);
			setActive(task, true);
			advance(task);
			// With foreignUrls the answer names another host, which must never be sent the key.
			const base = `${options.foreignUrls ? videoOrigin : origin}${prefix}/v1/queue/${model}/requests/${id}`;
			entry.requestId = id;
			return sendJson(res, 200, { request_id: id, response_url: `${base}/response`, status_url: `${base}/status`, cancel_url: `${base}/cancel`, queue_position: 0 });
		}
		if (!taskMatch) return sendJson(res, 404, { detail: 'Not Found' });
		const task = tasks.get(entry.requestId);
		if (!task || task.model !== decodeURIComponent(taskMatch[1])) {
			return sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `Request ${entry.requestId} not found` } });
		}
		const taskFault = taskFaultFor(kind, task);
		if (taskFault && (await applyFault(taskFault, req, res))) return;
		if (kind === 'status') {
			advance(task);
			const body = statusBody(task);
			if (task.state === 'COMPLETED' || task.state === 'CANCELLED') {
				task.noticedAt ??= Date.now();
				setActive(task, false);
			}
			return sendJson(res, 200, body);
		}
		if (kind === 'result') {
			// In time mode the clock decides, whoever asks; in poll mode only status polls move a task on.
			if (durationOf(task) !== undefined) advance(task);
			if (task.state !== 'COMPLETED' && task.state !== 'CANCELLED') return sendJson(res, 202, statusBody(task));
			if (task.fails) return sendJson(res, 200, { request_id: task.id, status: 'COMPLETED', error: 'Inference failed', error_type: 'INFERENCE_FAILURE' });
			return sendJson(res, 200, resultBody(task));
		}
		// The task finished between the client's last poll and its cancel.
		if (fault?.finishBeforeCancel) {
			task.state = 'COMPLETED';
			task.finishedAt = Date.now();
		}
		if (task.state === 'COMPLETED') return sendJson(res, 400, { error: { code: 'ALREADY_COMPLETED', message: 'Request already completed' } });
		task.state = 'CANCELLED';
		setActive(task, false);
		return sendJson(res, 202, { status: 'CANCELLATION_REQUESTED' });
	}

	function handler(isVideoHost) {
		return async (req, res) => {
			const url = new URL(req.url ?? '/', 'http://localhost');
			const entry = { method: req.method, path: url.pathname, host: isVideoHost ? 'video' : 'api', auth: req.headers.authorization ?? null, at: Date.now(), kind: 'other', status: null };
			log.push(entry);
			try {
				const fileMatch = FILE_PATH.exec(url.pathname);
				if (fileMatch && req.method === 'GET') return await handleFile(req, res, fileMatch[1], entry);
				const imageMatch = IMAGE_PATH.exec(url.pathname);
				if (imageMatch && req.method === 'GET') return await serveImage(req, res, imageMatch, url.searchParams, entry);
				if (!isVideoHost && url.pathname.startsWith(prefix)) return await handleApi(req, res, url.pathname.slice(prefix.length), entry);
				sendJson(res, 404, { detail: 'Not Found' });
			} catch (error) {
				if (!res.headersSent) sendJson(res, 500, { detail: String(error) });
			}
		};
	}

	const server = http.createServer(handler(false));
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	const port = await listen(server);
	origin = `http://127.0.0.1:${port}`;
	let videoServer = null;
	if (options.separateVideoHost) {
		videoServer = http.createServer(handler(true));
		videoServer.on('connection', (socket) => {
			sockets.add(socket);
			socket.on('close', () => sockets.delete(socket));
		});
		// "localhost" instead of the IP makes a different origin, as a CDN host would be.
		videoOrigin = `http://localhost:${await listen(videoServer)}`;
	} else {
		videoOrigin = origin;
	}

	return {
		apiKey,
		origin,
		videoOrigin,
		baseUrl: `${origin}${prefix}`,
		log,
		tasks,
		stats,
		video,
		/** Injects a fault for one endpoint kind: submit, status, result, cancel or file. */
		inject(kind, fault, callNumbers = 'all') {
			(faults[kind] ??= []).push({ calls: callNumbers, fault });
		},
		/** Injects a fault for the requests of one endpoint kind about the tasks whose prompt includes `promptIncludes`:
		 * the first `times` of each such task's requests, or those in its first `forMs`, or all. */
		injectForTask(kind, fault, { promptIncludes, times, forMs }) {
			(taskFaults[kind] ??= []).push({ promptIncludes, times, forMs, fault });
		},
		clearFaults() {
			for (const key of Object.keys(faults)) delete faults[key];
			for (const key of Object.keys(taskFaults)) delete taskFaults[key];
		},
		count(kind) {
			return log.filter((entry) => entry.kind === kind).length;
		},
		/** Finishes a task now (time mode) or on its next poll (poll mode). */
		finish(id) {
			const task = tasks.get(id);
			if (task) {
				task.state = 'COMPLETED';
				task.finishedAt = Date.now();
			}
		},
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(() => resolve(undefined)));
			if (videoServer) await new Promise((resolve) => videoServer.close(() => resolve(undefined)));
		},
	};
}
