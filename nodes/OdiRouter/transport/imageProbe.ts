import type { IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';

import { networkCode } from './request';

/** What reading a link gave: the host's answer, or why n8n could not read it. */
export type LinkProbe = { answered: LinkAnswer } | { unreachable: string };

/** The longest an image check may take; a shorter Request Timeout shortens it. */
export const LINK_PROBE_TIMEOUT_MS = 10_000;

const MAX_REDIRECTS = 5;

/** How much of a linked image is read: the header of any JPG, PNG or WebP fits, bar giant metadata. */
export const LINK_PROBE_BYTES = 256 * 1024;

/** What the image host answered, reduced to what the verdict needs (never its text or headers). */
export interface LinkAnswer {
	statusCode: number;
	/** The file's whole size when the host says it (Content-Range total, or Content-Length of a 200). */
	totalBytes: number | null;
	/** The first bytes of the body (at most about LINK_PROBE_BYTES). */
	head: Buffer;
	/** Whether `head` is the whole file. */
	complete: boolean;
}

/** The file's whole size from `Content-Range: bytes 0-262143/734003` or a full answer's Content-Length. */
export function totalBytesOf(statusCode: number, contentRange: unknown, contentLength: unknown): number | null {
	if (statusCode === 206) {
		const total = /\/\s*(\d+)\s*$/.exec(typeof contentRange === 'string' ? contentRange : '');
		return total ? Number(total[1]) : null;
	}
	const length = typeof contentLength === 'string' || typeof contentLength === 'number' ? Number(contentLength) : NaN;
	return Number.isFinite(length) && length >= 0 ? length : null;
}

const NETWORK_REASONS: Record<string, string> = {
	ENOTFOUND: 'its host name was not found from n8n',
	EAI_AGAIN: 'its host name could not be looked up from n8n',
	ECONNREFUSED: 'its host refused the connection',
	ECONNRESET: 'the connection was reset',
	EHOSTUNREACH: 'its host cannot be reached from n8n',
	ENETUNREACH: 'its host cannot be reached from n8n',
	ERR_FR_TOO_MANY_REDIRECTS: `it redirects more than ${MAX_REDIRECTS} times`,
	CERT_HAS_EXPIRED: 'its TLS certificate has expired',
	DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is not trusted by n8n',
	SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate is not trusted by n8n',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate is not trusted by n8n',
	ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host',
};

/**
 * Why n8n could not read a link, in a few words of our own: never the error's text, which may quote
 * what an internal host answered.
 */
export function unreachableReason(error: unknown, timedOutAfterMs: number | null): string {
	if (timedOutAfterMs !== null) return `no answer within ${timedOutAfterMs / 1000} s`;
	const { name } = (error ?? {}) as { name?: unknown };
	if (name === 'SsrfBlockedIpError' || name === 'SsrfBlockedHostnameError') return 'n8n\'s network settings do not allow its address';
	const found = networkCode(error, '');
	if (found === 'ETIMEDOUT' || found === 'ECONNABORTED') return 'its host did not answer in time';
	return NETWORK_REASONS[found] ?? 'n8n could not read it';
}

interface BodyStream extends AsyncIterable<Buffer> {
	destroy?: () => void;
}

/** Up to LINK_PROBE_BYTES of the body, and whether the body ended there; stops reading at the cap. */
async function readHead(body: BodyStream): Promise<{ head: Buffer; ended: boolean }> {
	const chunks: Buffer[] = [];
	let read = 0;
	for await (const chunk of body) {
		chunks.push(chunk);
		read += chunk.length;
		if (read >= LINK_PROBE_BYTES) return { head: Buffer.concat(chunks), ended: false };
	}
	return { head: Buffer.concat(chunks), ended: true };
}

/**
 * Reads the first bytes of an image link: a ranged GET through n8n's own request helper, so n8n's
 * proxy and network settings apply; no credentials; a host that ignores Range is streamed and left
 * at the cap. Nothing of the host's text or headers comes back, only what judging the image needs.
 */
export async function probeImageLink(
	ctx: IExecuteFunctions,
	url: string,
	settings: { timeoutMs: number; signal: AbortSignal },
): Promise<LinkProbe> {
	const timeout = AbortSignal.timeout(settings.timeoutMs);
	const abortSignal = AbortSignal.any([settings.signal, timeout]);
	let body: BodyStream | undefined;
	try {
		const response = (await ctx.helpers.httpRequest({
			method: 'GET',
			url,
			headers: { Range: `bytes=0-${LINK_PROBE_BYTES - 1}`, Accept: 'image/jpeg,image/png,image/webp,image/*;q=0.8,*/*;q=0.5' },
			encoding: 'stream',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			maxRedirects: MAX_REDIRECTS,
			timeout: settings.timeoutMs,
			abortSignal,
		})) as IN8nHttpFullResponse;
		body = response.body as BodyStream;
		const { statusCode, headers } = response;
		if (statusCode < 200 || statusCode > 299) return { answered: { statusCode, totalBytes: null, head: Buffer.alloc(0), complete: true } };
		const totalBytes = totalBytesOf(statusCode, headers['content-range'], headers['content-length']);
		const { head, ended } = await readHead(body);
		const complete = statusCode === 206 && totalBytes !== null ? head.length >= totalBytes : ended;
		return { answered: { statusCode, totalBytes, head, complete } };
	} catch (error) {
		settings.signal.throwIfAborted();
		return { unreachable: unreachableReason(error, timeout.aborted ? settings.timeoutMs : null) };
	} finally {
		body?.destroy?.();
	}
}
