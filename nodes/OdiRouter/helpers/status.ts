import type { IDataObject } from 'n8n-workflow';

import type { NormalisedStatus, TaskStatus } from './types';

// The documented queue words first, then MiniMax's and other vocabularies seen for the same model.
const STATUS_WORDS: Record<string, NormalisedStatus> = {
	in_queue: 'queued',
	queued: 'queued',
	queueing: 'queued',
	preparing: 'queued',
	pending: 'queued',
	in_progress: 'running',
	processing: 'running',
	running: 'running',
	completed: 'completed',
	success: 'completed',
	succeeded: 'completed',
	fail: 'failed',
	failed: 'failed',
	error: 'failed',
	cancelled: 'cancelled',
	canceled: 'cancelled',
	cancellation_requested: 'cancelled',
};

const FINAL_STATUSES: ReadonlySet<NormalisedStatus> = new Set(['completed', 'failed', 'cancelled']);

export function isFinal(status: NormalisedStatus): boolean {
	return FINAL_STATUSES.has(status);
}

function asText(value: unknown): string | null {
	if (value === undefined || value === null || value === '') return null;
	if (typeof value === 'string') return value;
	if (typeof value === 'object') {
		const message = (value as IDataObject).message ?? (value as IDataObject).msg;
		if (typeof message === 'string') return message;
		return JSON.stringify(value);
	}
	return String(value);
}

function asNumber(value: unknown): number | null {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) ? number : null;
}

export function normaliseStatusWord(word: unknown): NormalisedStatus {
	if (typeof word !== 'string') return 'unknown';
	return STATUS_WORDS[word.trim().toLowerCase()] ?? 'unknown';
}

/** The upstream body as one stable shape. `COMPLETED` only means terminal: with an `error` it failed. */
export function normaliseStatus(requestId: string, raw: IDataObject): TaskStatus {
	let status = normaliseStatusWord(raw.status);
	const error = asText(raw.error) ?? (status === 'failed' ? asText(raw.error_message) : null);
	if (error !== null && (status === 'completed' || status === 'unknown')) status = 'failed';
	return {
		request_id: requestId,
		status,
		done: isFinal(status),
		queue_position: asNumber(raw.queue_position),
		error: error ?? (status === 'failed' ? 'The task failed without an error message' : null),
		error_type: asText(raw.error_type),
		raw,
	};
}

export const parseNumber = asNumber;
export const parseText = asText;
