import type { IDataObject } from 'n8n-workflow';

import { apiError, MAYBE_BILLED_SUBMIT } from './errors';
import { textOrNull } from './jsonValues';
import type { ApiCall, ApiClient } from './request';
import { callApi, SUBMIT_EXTRA_MS_PER_MB } from './request';
import { parseVideoResult } from './result';
import { normaliseStatus } from './status';
import type { CancelResult, SubmitBody, SubmitResponse, TaskStatus, VideoResult } from './types';
import { queueUrl, requestIdProblem, taskUrl } from './urls';

export async function submitTask(
	client: ApiClient,
	model: string,
	body: SubmitBody,
	itemIndex: number,
): Promise<SubmitResponse> {
	const response = await callApi(client, {
		method: 'POST',
		url: queueUrl(client.baseUrl, model),
		body: body as unknown as IDataObject,
		retryRule: 'submit',
		itemIndex,
		timeoutMs: client.timeoutMs + (body.first_frame_image.length / 1_048_576) * SUBMIT_EXTRA_MS_PER_MB,
	});
	const requestId = response.body.request_id;
	if (typeof requestId !== 'string' || requestIdProblem(requestId) !== null) {
		throw apiError(client.ctx.getNode(), {
			message: `OdiRouter accepted the task but sent no usable request ID (${response.statusCode}). ${MAYBE_BILLED_SUBMIT}`,
			description: 'Without a request ID the node cannot follow the task.',
			itemIndex,
			httpCode: response.statusCode,
		});
	}
	// A billed task must stay findable even if this process dies before the execution is saved (a
	// queue-mode worker killed mid-wait leaves no trace of it in n8n): so the request ID goes to n8n's
	// log, at info (n8n's default level) and all in the message, which is all n8n's text format prints.
	const executionId = client.ctx.getExecutionId();
	const nodeName = client.ctx.getNode().name;
	client.ctx.logger.info(
		`OdiRouter task submitted: request_id ${requestId}, execution ${executionId}, node "${nodeName}", item ${itemIndex}`,
		{ requestId, executionId, nodeName, itemIndex },
	);
	const queuePosition = response.body.queue_position;
	return {
		...response.body,
		request_id: requestId,
		status_url: textOrNull(response.body.status_url),
		response_url: textOrNull(response.body.response_url),
		cancel_url: textOrNull(response.body.cancel_url),
		queue_position: typeof queuePosition === 'number' ? queuePosition : null,
	};
}

/** How a waiting loop bounds a status call: retries no sooner than `minPauseMs`, all within `timeLeftMs`. */
export type StatusLimits = Pick<ApiCall, 'minPauseMs' | 'timeLeftMs'>;

export async function fetchStatus(
	client: ApiClient,
	model: string,
	requestId: string,
	itemIndex: number,
	limits: StatusLimits = {},
): Promise<TaskStatus> {
	const response = await callApi(client, {
		method: 'GET',
		url: taskUrl(client.baseUrl, model, requestId, 'status'),
		retryRule: 'idempotent',
		itemIndex,
		requestId,
		...limits,
	});
	return normaliseStatus(requestId, response.body);
}

/** The result, or the task's status while it is not finished (the endpoint answers 202 then). */
export async function fetchResult(
	client: ApiClient,
	model: string,
	requestId: string,
	itemIndex: number,
): Promise<{ ready: true; result: VideoResult } | { ready: false; status: TaskStatus }> {
	const response = await callApi(client, {
		method: 'GET',
		url: taskUrl(client.baseUrl, model, requestId, 'response'),
		retryRule: 'idempotent',
		itemIndex,
		requestId,
	});
	if (response.statusCode === 202) {
		return { ready: false, status: normaliseStatus(requestId, response.body) };
	}
	return { ready: true, result: parseVideoResult(requestId, response.body) };
}

export async function cancelTask(
	client: ApiClient,
	model: string,
	requestId: string,
	itemIndex: number,
): Promise<CancelResult> {
	const response = await callApi(client, {
		method: 'PUT',
		url: taskUrl(client.baseUrl, model, requestId, 'cancel'),
		retryRule: 'idempotent',
		itemIndex,
		requestId,
		acceptStatus: [400],
	});
	const word = textOrNull(response.body.status) ?? textOrNull((response.body.error as IDataObject)?.code);
	const detail = textOrNull(response.body.detail);
	if (response.statusCode === 400) {
		const finished = [word, detail].some((text) => text?.toUpperCase().includes('ALREADY_COMPLETED'));
		if (!finished) {
			throw apiError(client.ctx.getNode(), {
				message: `The cancel was rejected (400)${detail ? `: ${detail}` : ''}. Request ID: ${requestId}. Check the Request ID and the Model it was submitted to.`,
				description: 'OdiRouter refused to cancel this task.',
				itemIndex,
				requestId,
				httpCode: 400,
			});
		}
		return { request_id: requestId, cancelled: false, result: 'ALREADY_COMPLETED' };
	}
	return { request_id: requestId, cancelled: true, result: word ?? detail ?? 'CANCELLATION_REQUESTED' };
}
