import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, IN8nHttpFullResponse } from 'n8n-workflow';

import type { Clock } from '../clock';
import { apiError, redact, upstreamMessage } from './errors';
import type { Attempt, AttemptFailure, RequestKind } from './retry';
import { parseRetryAfter, withRetries } from './retry';

export const CREDENTIAL_TYPE = 'odiRouterApi';

export const DEFAULT_TIMEOUT_MS = 30_000;
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
	kind: RequestKind;
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
	const found = cause?.code ?? code;
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

function statusWords(statusCode: number): string {
	if (statusCode === 401 || statusCode === 403) return 'The API key was rejected';
	if (statusCode === 404) return 'Not found';
	if (statusCode === 422 || statusCode === 400) return 'The request was rejected';
	if (statusCode === 429) return 'Rate limit reached';
	if (statusCode >= 500) return 'The OdiRouter service failed';
	return 'Unexpected answer';
}

/** What to do about a status code, for the message's end: a person or an agent's model reads only the message. */
function statusAdvice(statusCode: number, call: ApiCall): string {
	if (statusCode === 404 && call.requestId) {
		return 'No task has this request ID for this model: check the Request ID and the Model (an ID belongs to the model it was submitted to).';
	}
	if (statusCode === 401 || statusCode === 403) {
		return 'Check the API key in the OdiRouter credential; trying again with the same key will not help.';
	}
	if (statusCode === 429) return 'Too many requests: lower Max Concurrent Tasks or try again in a minute.';
	if (statusCode >= 500) {
		return call.kind === 'submit' ? maybeCreatedNote(call).trim() : 'The service is having trouble: try again in a few minutes.';
	}
	return 'Change what OdiRouter names here, then try again.';
}

function taskNote(call: ApiCall): string {
	if (call.requestId) return ` Request ID: ${call.requestId}.`;
	return '';
}

// A submit that may have reached the server can have created a billed task; the provider has no idempotency key.
function maybeCreatedNote(call: ApiCall): string {
	return call.kind === 'submit'
		? ' The task may have been created (and billed): it was not sent again. Check your OdiRouter dashboard before submitting again.'
		: '';
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
	return await withRetries(call.kind, signal, async (timeLeftMs): Promise<Attempt<ApiResponse>> => {
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
			return { ok: false, failure, error: (attempts) => failureError(client, call, failure, lastResponse, attempts) };
		} catch (error) {
			signal?.throwIfAborted();
			const code = networkCode(error);
			const reachedServer = !UNREACHED_CODES.has(code);
			const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
			const nextStep = (reachedServer && maybeCreatedNote(call)) || ' Check the Base URL in the credential and the network, then try again.';
			return {
				ok: false,
				failure: { type: 'network', reachedServer },
				error: (attempts) =>
					apiError(node, {
						message:
							(timedOut ? `OdiRouter did not answer in time (${code}).` : `Could not reach OdiRouter (${code}).`) +
							taskNote(call) +
							nextStep +
							` Tried ${attempts} time(s).`,
						description: `Network error code: ${code}.`,
						itemIndex: call.itemIndex,
						requestId: call.requestId,
					}),
			};
		}
	}, retryClock, limits);
}

function failureError(
	client: ApiClient,
	call: ApiCall,
	failure: AttemptFailure,
	response: ApiResponse | null,
	attempts: number,
) {
	const node = client.ctx.getNode();
	const statusCode = response?.statusCode ?? 0;
	const tried = attempts > 1 ? ` Tried ${attempts} times.` : '';
	if (failure.type === 'unreadable') {
		return apiError(node, {
			message: `OdiRouter answered ${statusCode} with a body that is not JSON.${taskNote(call)}${maybeCreatedNote(call) || ' Try again in a few minutes.'}${tried}`,
			description: 'The answer could not be read.',
			itemIndex: call.itemIndex,
			requestId: call.requestId,
			httpCode: statusCode,
		});
	}
	const upstream = response ? upstreamMessage(response.body) : null;
	const message = `${statusWords(statusCode)} (${statusCode})${upstream ? `: ${redact(upstream, client.apiKey)}` : ''}.${taskNote(call)} ${statusAdvice(statusCode, call)}${tried}`;
	return apiError(node, {
		message,
		description: `OdiRouter answered ${statusCode}.`,
		itemIndex: call.itemIndex,
		requestId: call.requestId,
		httpCode: statusCode,
	});
}
