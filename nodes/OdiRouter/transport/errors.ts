import type { IDataObject, IExecuteFunctions, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** The request id travels on errors so that Continue On Fail items and messages can carry it. */
export const REQUEST_ID_CONTEXT_KEY = 'request_id';

/** After a submit that may have reached OdiRouter: the provider has no idempotency key, so it is never sent again. */
export const MAYBE_BILLED_SUBMIT =
	'The task may have been created (and billed): it was not sent again. Check your OdiRouter dashboard before submitting again.';

export function upstreamMessage(body: IDataObject): string | null {
	const error = body.error;
	if (typeof error === 'object' && error !== null) {
		const { code, message } = error as IDataObject;
		const text = [code, message].filter((part) => typeof part === 'string' && part !== '').join(': ');
		if (text !== '') return text;
	}
	if (typeof error === 'string' && error !== '') return error;
	const detail = body.detail;
	if (typeof detail === 'string' && detail !== '') return detail;
	if (Array.isArray(detail)) {
		const parts = detail.map((entry) => {
			if (typeof entry !== 'object' || entry === null) return String(entry);
			const { loc, msg } = entry as IDataObject;
			const where = Array.isArray(loc) ? loc.join('.') : '';
			return where ? `${where}: ${String(msg)}` : String(msg);
		});
		if (parts.length > 0) return parts.join('; ');
	}
	if (typeof body.message === 'string' && body.message !== '') return body.message;
	return null;
}

export function redact(text: string, secret: string): string {
	return secret.length >= 4 ? text.split(secret).join('[redacted]') : text;
}

interface ErrorDetails {
	message: string;
	description: string;
	itemIndex: number;
	requestId?: string | null;
	httpCode?: number;
}

/** An API failure for the user: no request options, headers or key travel on it. */
export function apiError(node: INode, details: ErrorDetails): NodeApiError {
	const response: JsonObject = { message: details.message };
	if (details.httpCode !== undefined) response.httpCode = String(details.httpCode);
	const error = new NodeApiError(node, response, {
		message: details.message,
		description: details.description,
		itemIndex: details.itemIndex,
		httpCode: details.httpCode === undefined ? undefined : String(details.httpCode),
	});
	// NodeApiError swaps in stock texts for some codes ("The service refused the connection"): ours is more precise.
	error.message = details.message;
	return withRequestId(error, details.requestId);
}

export function operationError(node: INode, details: ErrorDetails): NodeOperationError {
	const error = new NodeOperationError(node, details.message, {
		description: details.description,
		itemIndex: details.itemIndex,
	});
	return withRequestId(error, details.requestId);
}

export function withRequestId<T extends NodeApiError | NodeOperationError>(
	error: T,
	requestId: string | null | undefined,
): T {
	if (requestId) error.context[REQUEST_ID_CONTEXT_KEY] = requestId;
	return error;
}

/** A node setting that makes every item fail (the credential's Base URL, an unknown operation): no item index. */
export function configurationError(node: INode, message: string, description?: string): NodeOperationError {
	return new NodeOperationError(node, message, description === undefined ? {} : { description });
}

/** Any failure as an n8n error for this item, keeping (or adding) the request ID. */
export function asNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
	requestId?: string | null,
): NodeApiError | NodeOperationError {
	const nodeError =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(node, error instanceof Error ? error.message : String(error), { itemIndex });
	nodeError.context.itemIndex ??= itemIndex;
	return withRequestId(nodeError, requestId ?? requestIdOf(nodeError));
}

export function requestIdOf(error: unknown): string | null {
	const context = (error as { context?: IDataObject } | null)?.context;
	const value = context?.[REQUEST_ID_CONTEXT_KEY];
	return typeof value === 'string' ? value : null;
}

/**
 * Bad input, thrown before any request is sent. The message alone names the field, what is wrong
 * and what is allowed: an agent's model and n8n's error list see only the message.
 */
export function invalidInput(
	ctx: Pick<IExecuteFunctions, 'getNode'>,
	itemIndex: number,
	field: string,
	problem: string,
	allowed: string,
): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `${field} ${problem}. Allowed: ${allowed} [item ${itemIndex}]`, {
		itemIndex,
		description: `Nothing was sent to OdiRouter for this item. Change ${field} (or the expression or input that fills it) and run again.`,
	});
}

/** A task that ended without a video: what happened, with its request ID and what to do next. */
export function taskEndedError(
	node: INode,
	task: { status: string; reason: unknown; errorType: unknown; itemIndex: number; requestId: string },
) {
	const reason = typeof task.reason === 'string' ? task.reason : JSON.stringify(task.reason ?? task.status);
	const what = task.status === 'failed' ? 'failed' : 'was cancelled';
	const errorType = typeof task.errorType === 'string' && task.errorType !== '' ? ` (${task.errorType})` : '';
	return apiError(node, {
		message: `The task ${what}: ${reason}${errorType}. Request ID: ${task.requestId}. Check the image and prompt, then submit again (a new, billed task).`,
		description: `Error type: ${String(task.errorType ?? 'not given')}.`,
		itemIndex: task.itemIndex,
		requestId: task.requestId,
	});
}

/** What the messages of a failed API call need to know about the call. */
interface FailedCall {
	kind: 'submit' | 'idempotent';
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
	return call.kind === 'submit' ? ` ${MAYBE_BILLED_SUBMIT}` : '';
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
		return call.kind === 'submit' ? MAYBE_BILLED_SUBMIT : 'The service is having trouble: try again in a few minutes.';
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

/** What a cancel did: `finished` when the task completed before the cancel reached it (it is billed, its video exists). */
export type CancelOutcome = 'cancelled' | 'finished' | 'not asked';

interface WaitFacts {
	cancel: CancelOutcome;
	itemIndex: number;
	requestId: string;
}

/** Submit and Wait was stopped (the execution, or another item's failure): what became of the task. */
export function waitStoppedError(node: INode, { cancel, itemIndex, requestId }: WaitFacts): NodeOperationError {
	const facts = { itemIndex, requestId };
	if (cancel === 'finished') {
		return operationError(node, {
			message: `Stopped while waiting for the video, but the task had already finished (too late to cancel; it is billed). Fetch the video with Get Result, request ID ${requestId}.`,
			description: 'Cancel Task on Timeout is on, but OdiRouter answered that the task was already completed.',
			...facts,
		});
	}
	if (cancel === 'cancelled') {
		return operationError(node, {
			message: `Stopped while waiting for the video; the task was cancelled upstream. Request ID: ${requestId}.`,
			description: 'Cancel Task on Timeout is on: a stopped batch cancels its tasks.',
			...facts,
		});
	}
	return operationError(node, {
		message: `Stopped while waiting for the video; the task may still be running (and billed). Fetch it later with Get Result or stop it with Cancel, using request ID ${requestId}.`,
		description: 'Stopping the wait does not stop the task.',
		...facts,
	});
}

/** Max Wait passed before the video was ready (and the task was not found finished by a cancel). */
export function notReadyInTimeError(
	node: INode,
	wait: WaitFacts & { waitedSeconds: number; lastStatus: string | null },
): NodeOperationError {
	const { cancel, requestId } = wait;
	const waited = `The video was not ready within ${wait.waitedSeconds} s (last status: ${wait.lastStatus ?? 'none yet'})`;
	return operationError(node, {
		message:
			cancel === 'cancelled'
				? `${waited}, so the task was cancelled (Cancel Task on Timeout). Request ID: ${requestId}. Raise Max Wait to wait longer.`
				: `${waited}. The task keeps running and is billed: fetch it with Get Result, request ID ${requestId}, or stop it with Cancel.`,
		description: 'Raise Max Wait in Options to wait longer, or for long tasks use Submit, a Wait node and Get Result.',
		itemIndex: wait.itemIndex,
		requestId,
	});
}
