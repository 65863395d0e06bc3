import { BinaryDataService } from 'n8n-core';
import type { IExecuteFunctions } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { Timing } from '../../nodes/OdiRouter/clock';
import { systemClock } from '../../nodes/OdiRouter/clock';
import type { AttemptFailure } from '../../nodes/OdiRouter/transport/retry';
import { downloadFailureOf } from '../../nodes/OdiRouter/transport/download';
import { downloadFailureMessage } from '../../nodes/OdiRouter/transport/callErrors';
import { readWhole } from '../../nodes/OdiRouter/transport/binaryStoreInput';
import { OdiRouter } from '../../nodes/OdiRouter/OdiRouter.node';
import type { Simulator } from '../../simulator/server.mjs';
import { startSimulator } from '../../simulator/server.mjs';
import { n8n1HttpRequestError410 } from '../fixtures/httpRequestErrors';
import { dataUrl, png } from '../../harness/images';
import { binaryBytes, buildContext, ensureBinaryDataService, runNode } from '../../harness/runNode';
import { recordedRetryPauses } from '../../harness/retryPauses';

let sim: Simulator;
const pauses = recordedRetryPauses();
/** Retry backoffs in virtual time (recorded), the rest in real time. */
const timing: Timing = { waits: systemClock, retries: pauses.clock };
/** n8n 2.41.1's own httpRequest (n8n-core in node_modules), as a node gets it. */
let httpRequest: IExecuteFunctions['helpers']['httpRequest'];

beforeAll(async () => {
	await ensureBinaryDataService();
	sim = await startSimulator({ queuedPolls: 0, runningPolls: 0 });
	const node = { id: 'probe', name: 'Probe', type: 'probe', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
	httpRequest = buildContext({ nodeType: new OdiRouter(), node, credentials: {}, items: [{ json: {} }], abort: new AbortController() }).helpers.httpRequest;
});
afterAll(async () => {
	await sim.close();
});

async function thrownBy(promise: Promise<unknown>): Promise<unknown> {
	try {
		await promise;
	} catch (error) {
		return error;
	}
	throw new Error('expected the request to fail');
}

const fileUrl = () => `${sim.videoOrigin}/files/probe.mp4`;
const streamRequest = () => httpRequest({ method: 'GET', url: fileUrl(), encoding: 'stream', returnFullResponse: true });

describe('a failed download read by its real shape', () => {
	it('n8n 2.41.1: the Axios error httpRequest throws (response.status, response.headers, no cause)', async () => {
		sim.clearFaults();
		sim.inject('file', { status: 410, retryAfter: '7' });
		const error = await thrownBy(streamRequest());
		sim.clearFaults();
		expect((error as { cause?: unknown }).cause).toBeUndefined();
		expect(downloadFailureOf(error)).toEqual({ type: 'status', statusCode: 410, retryAfterMs: 7000 });
	});

	it.each<[string, unknown, AttemptFailure]>([
		['n8n 1.123.81: the Axios error its httpRequest throws (fixture)', n8n1HttpRequestError410, { type: 'status', statusCode: 410, retryAfterMs: 7000 }],
		['a wrapped error with cause.response (n8n’s legacy request helper)', { cause: { response: { status: 404, headers: {} } } }, { type: 'status', statusCode: 404, retryAfterMs: null }],
		['a NodeApiError with httpCode', { httpCode: '503' }, { type: 'status', statusCode: 503, retryAfterMs: null }],
		['a reset connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), { type: 'network', reachedServer: true }],
	])('%s', (_name, error, failure) => {
		expect(downloadFailureOf(error)).toEqual(failure);
	});

	it.each<[string, AttemptFailure, string]>([
		['410: final, names the status and the fresh link', { type: 'status', statusCode: 410, retryAfterMs: null }, 'The video host refused the download (410): the video URL has expired or may not be fetched from here. Request ID: mmsu_1. Run Get Result again for a fresh video URL'],
		['403: final', { type: 'status', statusCode: 403, retryAfterMs: null }, 'The video host refused the download (403)'],
		['503 after retries', { type: 'status', statusCode: 503, retryAfterMs: null }, 'The video host answered 503 to the download. Request ID: mmsu_1. Run Get Result again'],
		['a broken connection', { type: 'network', reachedServer: true }, 'The video download broke off (ECONNRESET). Request ID: mmsu_1.'],
	])('message: %s', (_name, failure, start) => {
		expect(downloadFailureMessage(failure, 'mmsu_1', 'ECONNRESET')).toContain(start);
	});
});

async function finishedTask(): Promise<string> {
	const image = dataUrl(png(1024, 1024));
	const { items } = await runNode({ parameters: { operation: 'submit', imageUrl: image }, credentials: { apiKey: sim.apiKey, baseUrl: sim.baseUrl }, timing });
	const requestId = items[0].json.request_id as string;
	sim.finish(requestId);
	return requestId;
}

async function getResult(requestId: string) {
	return await runNode({ parameters: { operation: 'getResult', requestId, downloadVideo: true }, credentials: { apiKey: sim.apiKey, baseUrl: sim.baseUrl }, timing });
}

const fileCalls = (since: number) => sim.log.slice(since).filter((entry) => entry.path.startsWith('/files/')).length;

describe('Get Result downloads (the node in n8n-core 2.41.1 against the simulator)', () => {
	it('a 410 from the video host is tried once and the message names 410 and what to do', async () => {
		const requestId = await finishedTask();
		const since = sim.log.length;
		sim.inject('file', { status: 410 });
		const { error } = await getResult(requestId);
		sim.clearFaults();
		expect(fileCalls(since)).toBe(1);
		expect(error?.message).toBe(
			`The video host refused the download (410): the video URL has expired or may not be fetched from here. Request ID: ${requestId}. Run Get Result again for a fresh video URL, or turn off Download Video to return only the URL.`,
		);
	});

	it('a 429 with Retry-After waits as long as the host asks, then downloads', async () => {
		const requestId = await finishedTask();
		const since = sim.log.length;
		const pausesBefore = pauses.pauses.length;
		sim.inject('file', { status: 429, retryAfter: '7' }, [fileCalls(0) + 1]);
		const { items, error } = await getResult(requestId);
		sim.clearFaults();
		expect(error).toBeNull();
		expect(fileCalls(since)).toBe(2);
		expect(pauses.pauses.slice(pausesBefore)).toEqual([7000]);
		expect((await binaryBytes(items[0].binary?.data)).equals(sim.video)).toBe(true);
	});

	it('a failing binary data store is reported as n8n’s, with the request ID, and not downloaded again', async () => {
		const requestId = await finishedTask();
		const since = sim.log.length;
		const original = BinaryDataService.prototype.store;
		const store = vi.spyOn(BinaryDataService.prototype, 'store').mockImplementation(async function (this: BinaryDataService, ...args) {
			if (String(args[2]?.fileName).endsWith('.mp4')) throw new Error('ENOSPC: no space left on device, write');
			return await original.apply(this, args);
		});
		const { error } = await getResult(requestId);
		store.mockRestore();
		expect(fileCalls(since)).toBe(1);
		expect(error?.message).toBe(
			`n8n could not store the video (ENOSPC: no space left on device, write). Request ID: ${requestId}. The task is finished: turn off Download Video to return only the URL, or check n8n's free disk space and binary data settings, then run Get Result again.`,
		);
	});
});

describe('database mode and Content-Encoding', () => {
	// In database mode the hand-off reads the body into one buffer (readWhole); see test/transport/binaryStoreInput.test.ts.
	it('a gzip-encoded body (Content-Length is the encoded size, n8n decodes and drops the header) arrives whole', async () => {
		sim.inject('file', { gzip: true });
		const response = (await streamRequest()) as { body: AsyncIterable<Buffer>; headers: Record<string, unknown> };
		sim.clearFaults();
		expect(Number(response.headers['content-length'])).toBeLessThan(sim.video.length);
		expect(response.headers['content-encoding']).toBeUndefined();
		const data = await readWhole(response.body, Number(response.headers['content-length']));
		expect(data.length).toBe(sim.video.length);
		expect(data.equals(sim.video)).toBe(true);
	});

	it('a body cut short still fails (in the transport), never stored short', async () => {
		sim.inject('file', { breakAfterBytes: 1000 });
		const response = (await streamRequest()) as { body: AsyncIterable<Buffer>; headers: Record<string, unknown> };
		sim.clearFaults();
		await expect(readWhole(response.body, Number(response.headers['content-length']))).rejects.toThrow();
	});
});
