import type { IBinaryData, IN8nHttpFullResponse } from 'n8n-workflow';

import { bodyForBinaryStore } from './binaryStoreInput';
import { downloadFailedError, videoStoreError } from './callErrors';
import type { ApiClient } from './request';
import { networkCode } from './request';
import type { Attempt, AttemptFailure } from './retry';
import { parseRetryAfter, withRetries } from './retry';

/** A video is large and its host may be slow: it gets many times the API timeout. */
const DOWNLOAD_TIMEOUT_FACTOR = 20;

export interface VideoDownload {
	url: string;
	fileName: string;
	mimeType: string;
	itemIndex: number;
	requestId: string;
}

interface HttpAnswer {
	status?: unknown;
	statusCode?: unknown;
	headers?: Record<string, unknown>;
}

/**
 * What a failed `httpRequest` tells about the host's answer. n8n 2.x throws the Axios error itself
 * (`response.status`, `response.headers`, no `cause`); n8n 1.x wraps it (`cause.response`, and
 * `httpCode` on a NodeApiError).
 */
export function downloadFailureOf(error: unknown, nowMs = Date.now()): AttemptFailure {
	const { response, cause, httpCode } = (error ?? {}) as { response?: HttpAnswer; cause?: { response?: HttpAnswer }; httpCode?: unknown };
	const answer = response ?? cause?.response;
	const statusCode = Number(answer?.status ?? answer?.statusCode ?? httpCode);
	if (Number.isInteger(statusCode) && statusCode >= 100) {
		return { type: 'status', statusCode, retryAfterMs: parseRetryAfter(answer?.headers?.['retry-after'], nowMs) };
	}
	return { type: 'network', reachedServer: true };
}

/**
 * Streams the video into n8n's binary data store (a file in filesystem mode), so it is never held
 * in memory twice (in database mode, one buffer: see bodyForBinaryStore). Plain `httpRequest`: the video's
 * host must never receive the OdiRouter key. A host's refusal (4xx other than 408/429) is final; a
 * failure of n8n's own store is reported as that, not retried as a download.
 */
export async function downloadVideo(client: ApiClient, video: VideoDownload): Promise<IBinaryData> {
	const { ctx } = client;
	const signal = ctx.getExecutionCancelSignal();
	const downloadFailed = (error: unknown): Attempt<IBinaryData> => {
		signal?.throwIfAborted();
		const failure = downloadFailureOf(error);
		const code = networkCode(error, 'no code');
		const detail = error instanceof Error ? `${code}: ${error.message}` : code;
		return { ok: false, failure, error: (attempts) => downloadFailedError(ctx.getNode(), video, { failure, code, detail, attempts }) };
	};
	return await withRetries('idempotent', signal, async (): Promise<Attempt<IBinaryData>> => {
		let body: NodeJS.ReadableStream & AsyncIterable<Buffer>;
		let contentLength: unknown;
		try {
			const response = (await ctx.helpers.httpRequest({
				method: 'GET',
				url: video.url,
				// A video does not compress; an encoded body would make Content-Length the encoded size.
				headers: { 'accept-encoding': 'identity' },
				encoding: 'stream',
				returnFullResponse: true,
				timeout: client.timeoutMs * DOWNLOAD_TIMEOUT_FACTOR,
				abortSignal: signal,
			})) as IN8nHttpFullResponse;
			body = response.body as NodeJS.ReadableStream & AsyncIterable<Buffer>;
			contentLength = response.headers['content-length'];
		} catch (error) {
			return downloadFailed(error);
		}
		// In filesystem mode n8n reads the stream while it stores: the stream's own error tells a
		// broken download from a failing store.
		let bodyError: unknown = null;
		body.on('error', (error) => (bodyError ??= error));
		let data: AsyncIterable<Buffer> | Buffer;
		try {
			data = await bodyForBinaryStore(ctx, body, contentLength);
		} catch (error) {
			return downloadFailed(error);
		}
		try {
			return { ok: true, value: await ctx.helpers.prepareBinaryData(data as Buffer, video.fileName, video.mimeType) };
		} catch (error) {
			if (bodyError !== null) return downloadFailed(bodyError);
			signal?.throwIfAborted();
			const reason = error instanceof Error ? error.message : String(error);
			return { ok: false, failure: { type: 'final' }, error: () => videoStoreError(ctx.getNode(), video, reason) };
		}
	}, client.retryClock);
}
