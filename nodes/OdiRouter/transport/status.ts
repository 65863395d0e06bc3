import type { IDataObject } from 'n8n-workflow';

import { numberOrNull, textOrNull } from './jsonValues';
import type { NormalisedStatus, TaskStatus } from './types';

// The documented queue words first, then MiniMax's and other vocabularies seen for the same model.
const STATUS_BY_WORD: Record<string, NormalisedStatus> = {
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

export function normaliseStatusWord(word: unknown): NormalisedStatus {
	if (typeof word !== 'string') return 'unknown';
	return STATUS_BY_WORD[word.trim().toLowerCase()] ?? 'unknown';
}

/** The upstream body as one stable shape. `COMPLETED` only means terminal: with an `error` it failed. */
export function normaliseStatus(requestId: string, raw: IDataObject): TaskStatus {
	let status = normaliseStatusWord(raw.status);
	const error = textOrNull(raw.error) ?? (status === 'failed' ? textOrNull(raw.error_message) : null);
	if (error !== null && (status === 'completed' || status === 'unknown')) status = 'failed';
	return {
		request_id: requestId,
		status,
		done: isFinal(status),
		queue_position: numberOrNull(raw.queue_position),
		error: error ?? (status === 'failed' ? 'The task failed without an error message' : null),
		error_type: textOrNull(raw.error_type),
		raw,
	};
}
