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
