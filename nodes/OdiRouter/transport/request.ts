import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, IN8nHttpFullResponse } from 'n8n-workflow';

import type { Clock } from '../clock';
import { answerFailureError, networkFailureError } from './callErrors';
import type { Attempt, AttemptFailure, RetryRule } from './retry';
import { parseRetryAfter, withRetries } from './retry';

export const CREDENTIAL_TYPE = 'odiRouterApi';

/** A submit may carry a 27 MB data URL (a 20 MB image in Base64): it gets more time per MB sent. */
export const SUBMIT_EXTRA_MS_PER_MB = 5_000;
/** An attempt started just before a deadline still gets this long to answer (a final status check at Max Wait). */
export const MIN_ATTEMPT_TIMEOUT_MS = 5_000;

export interface ApiClient {
	ctx: IExecuteFunctions;
	baseUrl: string;
	apiKey: string;
	/** Per-request timeout for status, result and cancel calls. */
	timeoutMs: number;
	/** The retry loop's deadline and pauses between attempts. */
	retryClock: Clock;
}

export interface ApiCall {
	method: IHttpRequestMethods;
	url: string;
	body?: IDataObject;
	retryRule: RetryRule;
	itemIndex: number;
	/** Known before the call (status, result, cancel); named in every error. */
	requestId?: string;
	/** Non-2xx codes the caller handles itself instead of getting an error. */
	acceptStatus?: number[];
	timeoutMs?: number;
	/** The shortest pause before a retry (Submit and Wait's Poll Interval). */
	minPauseMs?: number;
	/** Time this call may take, retries included (what is left of Max Wait); its last attempt may use MIN_ATTEMPT_TIMEOUT_MS. */
	timeLeftMs?: number;
}

export interface ApiResponse {
	statusCode: number;
	body: IDataObject;
	headers: IDataObject;
}

const UNREACHED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The system error code of a failed request (`ECONNRESET`, …), on the error or on its cause. */
export function networkCode(error: unknown, fallback = 'UNKNOWN'): string {
	const { cause, code } = (error ?? {}) as { cause?: { code?: unknown }; code?: unknown };
	const found = typeof cause?.code === 'string' ? cause.code : code;
	return typeof found === 'string' ? found : fallback;
}

/** JSON object, or `null` for an HTML page, an empty body or malformed JSON. */
export function parseBody(body: unknown): IDataObject | null {
	if (typeof body === 'object' && body !== null && !Array.isArray(body) && !Buffer.isBuffer(body)) {
		return body as IDataObject;
	}
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
	if (text.trim() === '') return null;
	try {
		const parsed: unknown = JSON.parse(text);
		return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as IDataObject) : null;
	} catch {
		return null;
	}
}

/** One call to the OdiRouter API with the shared retry policy, as the credential's user. */
export async function callApi(client: ApiClient, call: ApiCall): Promise<ApiResponse> {
	const { ctx, retryClock } = client;
	const node = ctx.getNode();
	const signal = ctx.getExecutionCancelSignal();
	const limits = {
		minPauseMs: call.minPauseMs,
		deadline: call.timeLeftMs === undefined ? undefined : retryClock.now() + call.timeLeftMs,
	};
	const fullTimeoutMs = call.timeoutMs ?? client.timeoutMs;
	return await withRetries(call.retryRule, signal, async (timeLeftMs): Promise<Attempt<ApiResponse>> => {
		try {
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, {
				method: call.method,
				url: call.url,
				body: call.body,
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: timeLeftMs === null ? fullTimeoutMs : Math.min(fullTimeoutMs, Math.max(timeLeftMs, MIN_ATTEMPT_TIMEOUT_MS)),
			})) as IN8nHttpFullResponse;
			const body = parseBody(response.body);
			const statusCode = response.statusCode;
			const headers = (response.headers ?? {}) as IDataObject;
			const accepted = (statusCode >= 200 && statusCode < 300) || call.acceptStatus?.includes(statusCode);
			if (accepted && body !== null) return { ok: true, value: { statusCode, body, headers } };
			const lastResponse = { statusCode, body: body ?? {}, headers };
			const failure: AttemptFailure = accepted
				? { type: 'unreadable' }
				: { type: 'status', statusCode, retryAfterMs: parseRetryAfter(headers['retry-after'], Date.now()) };
			return { ok: false, failure, error: (attempts) => answerFailureError(node, call, { failure, response: lastResponse, attempts, apiKey: client.apiKey }) };
		} catch (error) {
			signal?.throwIfAborted();
			const code = networkCode(error);
			const reachedServer = !UNREACHED_CODES.has(code);
			return {
				ok: false,
				failure: { type: 'network', reachedServer },
				error: (attempts) => networkFailureError(node, call, { code, reachedServer, attempts }),
			};
		}
	}, retryClock, limits);
}
