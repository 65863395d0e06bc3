import type { IDataObject, INode, NodeApiError } from 'n8n-workflow';

import { apiError, MAYBE_BILLED_SUBMIT, redact, upstreamMessage } from './errors';
import type { AttemptFailure, RetryRule } from './retry';
import { isRetryable } from './retry';

/** What the messages of a failed API call need to know about the call. */
interface FailedCall {
	retryRule: RetryRule;
	itemIndex: number;
	requestId?: string;
}

function httpStatusWords(statusCode: number): string {
	if (statusCode === 401 || statusCode === 403) return 'The API key was rejected';
	if (statusCode === 404) return 'Not found';
	if (statusCode === 422 || statusCode === 400) return 'The request was rejected';
	if (statusCode === 429) return 'Rate limit reached';
	if (statusCode >= 500) return 'The OdiRouter service failed';
	return 'Unexpected answer';
}

function taskNote(call: FailedCall): string {
	return call.requestId ? ` Request ID: ${call.requestId}.` : '';
}

function maybeCreatedNote(call: FailedCall): string {
	return call.retryRule === 'submit' ? ` ${MAYBE_BILLED_SUBMIT}` : '';
}

/** What to do about a status code, for the message's end: a person or an agent's model reads only the message. */
function statusAdvice(statusCode: number, call: FailedCall): string {
	if (statusCode === 404 && call.requestId) {
		return 'No task has this request ID for this model: check the Request ID and the Model (an ID belongs to the model it was submitted to).';
	}
	if (statusCode === 401 || statusCode === 403) {
		return 'Check the API key in the OdiRouter credential; trying again with the same key will not help.';
	}
	if (statusCode === 429) return 'Too many requests: lower Max Concurrent Tasks or try again in a minute.';
	if (statusCode >= 500) {
		return call.retryRule === 'submit' ? MAYBE_BILLED_SUBMIT : 'The service is having trouble: try again in a few minutes.';
	}
	return 'Change what OdiRouter names here, then try again.';
}

/** A call whose last attempt got no answer (refused, reset, timed out). */
export function networkFailureError(
	node: INode,
	call: FailedCall,
	network: { code: string; reachedServer: boolean; attempts: number },
): NodeApiError {
	const { code, reachedServer, attempts } = network;
	const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
	const nextStep = (reachedServer && maybeCreatedNote(call)) || ' Check the Base URL in the credential and the network, then try again.';
	return apiError(node, {
		message:
			(timedOut ? `OdiRouter did not answer in time (${code}).` : `Could not reach OdiRouter (${code}).`) +
			taskNote(call) +
			nextStep +
			` Tried ${attempts} time(s).`,
		description: `Network error code: ${code}.`,
		itemIndex: call.itemIndex,
		requestId: call.requestId,
	});
}

/** A call whose last answer was an error status or not JSON; the upstream text is shown without the key. */
export function answerFailureError(
	node: INode,
	call: FailedCall,
	answer: { failure: { type: string }; response: { statusCode: number; body: IDataObject } | null; attempts: number; apiKey: string },
): NodeApiError {
	const { failure, response, attempts } = answer;
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
	const message = `${httpStatusWords(statusCode)} (${statusCode})${upstream ? `: ${redact(upstream, answer.apiKey)}` : ''}.${taskNote(call)} ${statusAdvice(statusCode, call)}${tried}`;
	return apiError(node, {
		message,
		description: `OdiRouter answered ${statusCode}.`,
		itemIndex: call.itemIndex,
		requestId: call.requestId,
		httpCode: statusCode,
	});
}

/** The first line of a failed download: what happened and what to do, by the failure's real shape. */
export function downloadFailureMessage(failure: AttemptFailure, requestId: string, detail: string): string {
	const fresh = `Run Get Result again for a fresh video URL, or turn off Download Video to return only the URL.`;
	if (failure.type === 'status' && !isRetryable('idempotent', failure)) {
		return `The video host refused the download (${failure.statusCode}): the video URL has expired or may not be fetched from here. Request ID: ${requestId}. ${fresh}`;
	}
	if (failure.type === 'status') {
		return `The video host answered ${failure.statusCode} to the download. Request ID: ${requestId}. ${fresh}`;
	}
	return `The video download broke off (${detail}). Request ID: ${requestId}. ${fresh}`;
}

/** Where a download error points: the item, and the task whose video it was. */
interface VideoFacts {
	itemIndex: number;
	requestId: string;
}

/** The download failed on its last attempt: by the host's answer, or broke off. */
export function downloadFailedError(
	node: INode,
	video: VideoFacts,
	download: { failure: AttemptFailure; code: string; detail: string; attempts: number },
): NodeApiError {
	const { failure } = download;
	return apiError(node, {
		message: downloadFailureMessage(failure, video.requestId, download.code),
		description: `Tried ${download.attempts} time(s). ${download.detail}.`,
		itemIndex: video.itemIndex,
		requestId: video.requestId,
		httpCode: failure.type === 'status' ? failure.statusCode : undefined,
	});
}

/** n8n's binary data store refused a video that was downloaded whole. */
export function videoStoreError(node: INode, video: VideoFacts, reason: string): NodeApiError {
	return apiError(node, {
		message: `n8n could not store the video (${reason}). Request ID: ${video.requestId}. The task is finished: turn off Download Video to return only the URL, or check n8n's free disk space and binary data settings, then run Get Result again.`,
		description: 'The download worked; n8n’s binary data store refused the file (disk full, or the database size limit in database mode).',
		itemIndex: video.itemIndex,
		requestId: video.requestId,
	});
}
