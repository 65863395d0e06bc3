import type { IBinaryData, IN8nHttpFullResponse } from 'n8n-workflow';

import { apiError } from './errors';
import type { ApiClient } from './request';
import type { Attempt, AttemptFailure } from './retry';
import { parseRetryAfter, withRetries } from './retry';
import { videoForN8n } from './videoHandOff';

/** A video is large and its host may be slow: it gets many times the API timeout. */
const DOWNLOAD_TIMEOUT_FACTOR = 20;

export interface VideoDownload {
	url: string;
	fileName: string;
	mimeType: string;
	itemIndex: number;
	requestId: string;
}

function failureOf(error: unknown): AttemptFailure {
	const { cause, httpCode } = (error ?? {}) as { cause?: { response?: { status?: number; headers?: Record<string, unknown> } }; httpCode?: unknown };
	const statusCode = cause?.response?.status ?? (typeof httpCode === 'string' ? Number(httpCode) : NaN);
	if (Number.isFinite(statusCode) && statusCode > 0) {
		return { type: 'status', statusCode, retryAfterMs: parseRetryAfter(cause?.response?.headers?.['retry-after'], Date.now()) };
	}
	return { type: 'network', reachedServer: true };
}

/**
 * Streams the video into n8n's binary data store (a file in filesystem mode), so it is never held
 * in memory twice (in database mode, one buffer: see videoForN8n). Plain `httpRequest`: the video's host must never receive the OdiRouter key.
 */
export async function downloadVideo(client: ApiClient, video: VideoDownload): Promise<IBinaryData> {
	const { ctx } = client;
	const signal = ctx.getExecutionCancelSignal();
	return await withRetries('idempotent', signal, async (): Promise<Attempt<IBinaryData>> => {
		try {
			const response = (await ctx.helpers.httpRequest({
				method: 'GET',
				url: video.url,
				encoding: 'stream',
				returnFullResponse: true,
				timeout: client.timeoutMs * DOWNLOAD_TIMEOUT_FACTOR,
				abortSignal: signal,
			})) as IN8nHttpFullResponse;
			const data = await videoForN8n(ctx, response.body as AsyncIterable<Buffer>, response.headers['content-length']);
			const binary = await ctx.helpers.prepareBinaryData(data as Buffer, video.fileName, video.mimeType);
			return { ok: true, value: binary };
		} catch (error) {
			signal?.throwIfAborted();
			const failure = failureOf(error);
			const what = failure.type === 'status' ? `answered ${failure.statusCode}` : 'broke off';
			return {
				ok: false,
				failure,
				error: (attempts) =>
					apiError(ctx.getNode(), {
						message: `The video download ${what}. Request ID: ${video.requestId}. Run Get Result again for a fresh video URL, or turn off Download Video to return only the URL.`,
						description: `Tried ${attempts} time(s). The video URL may have expired.`,
						itemIndex: video.itemIndex,
						requestId: video.requestId,
					}),
			};
		}
	});
}
