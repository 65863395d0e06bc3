import type { IDataObject } from 'n8n-workflow';

import type { SubmitResponse, TaskStatus, VideoResult } from '../../transport/types';

/** When to come back without a learned ETA. */
const DEFAULT_COME_BACK_S = 30;

/**
 * What to do next with an unfinished task, in one line that a person or a model can follow; `etaSeconds`
 * (the expected time left, learned for this kind of task) says when, if known.
 */
export function comeBackLater(requestId: string, waitedSeconds?: number, etaSeconds: number | null = null): string {
	const notReady = waitedSeconds === undefined ? 'Not ready yet' : `Not ready after ${waitedSeconds} s`;
	const when = etaSeconds === null ? `in about ${DEFAULT_COME_BACK_S} s` : `in about ${etaSeconds} s (the expected time left)`;
	return `${notReady}; the task keeps running (and is billed). Call Get Result with request_id ${requestId} ${when} to get the video; Cancel stops it.`;
}

function nextStepForStatus(status: TaskStatus, etaSeconds: number | null): string | null {
	if (status.status === 'completed') return `Finished: call Get Result with request_id ${status.request_id} for the video URL.`;
	if (status.status === 'failed') return 'The task failed: submit again with another image or prompt.';
	if (status.status === 'cancelled') return null;
	return comeBackLater(status.request_id, undefined, etaSeconds);
}

/** Simplified Submit output: the request ID, the expected seconds until done and how to follow it up. */
export function simplifySubmit(submitted: SubmitResponse, etaSeconds: number | null = null): IDataObject {
	const expected = etaSeconds === null ? 'The video takes about 20-90 s.' : `The video should be ready in about ${etaSeconds} s.`;
	return {
		request_id: submitted.request_id,
		status: 'queued',
		queue_position: submitted.queue_position,
		eta_seconds: etaSeconds,
		next_step: `${expected} Then call Get Result with request_id ${submitted.request_id} (Get Status tells whether it is done; Cancel stops it).`,
	};
}

/** Simplified Get Status output: the status, whether it is final, any error, the expected seconds left and the next step. */
export function simplifyStatus(status: TaskStatus, etaSeconds: number | null = null): IDataObject {
	return {
		request_id: status.request_id,
		status: status.status,
		done: status.done,
		queue_position: status.queue_position,
		error: status.error,
		eta_seconds: etaSeconds,
		next_step: nextStepForStatus(status, etaSeconds),
	};
}

/** Simplified result: the video's URL, length and size, without the API's raw answer. */
export function simplifyResult(result: VideoResult): IDataObject {
	const finished = result.status === 'completed';
	const simplified: IDataObject = {
		request_id: result.request_id,
		status: result.status,
		video_url: result.video_url,
		duration: result.duration,
		width: result.width,
		height: result.height,
		file_size: result.file_size,
	};
	if (!finished) simplified.next_step = comeBackLater(result.request_id);
	return simplified;
}
