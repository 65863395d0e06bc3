import type { IDataObject } from 'n8n-workflow';

import type { SubmitResponse, TaskStatus, VideoResult } from '../../helpers/types';

/** What to do next with an unfinished task, in one line that a person or a model can follow. */
export function comeBackLater(requestId: string, waitedSeconds?: number): string {
	const notReady = waitedSeconds === undefined ? 'Not ready yet' : `Not ready after ${waitedSeconds} s`;
	return `${notReady}; the task keeps running (and is billed). Call Get Result with request_id ${requestId} in about 30 s to get the video; Cancel stops it.`;
}

function nextStepForStatus(status: TaskStatus): string | null {
	if (status.status === 'completed') return `Finished: call Get Result with request_id ${status.request_id} for the video URL.`;
	if (status.status === 'failed') return 'The task failed: submit again with another image or prompt.';
	if (status.status === 'cancelled') return null;
	return comeBackLater(status.request_id);
}

/** Simplified Submit output: the request ID and how to follow it up. */
export function simplifySubmit(submitted: SubmitResponse): IDataObject {
	return {
		request_id: submitted.request_id,
		status: 'queued',
		queue_position: submitted.queue_position,
		next_step: `The video takes about 20-90 s. Then call Get Result with request_id ${submitted.request_id} (Get Status tells whether it is done; Cancel stops it).`,
	};
}

/** Simplified Get Status output: the status, whether it is final, any error, and the next step. */
export function simplifyStatus(status: TaskStatus): IDataObject {
	return {
		request_id: status.request_id,
		status: status.status,
		done: status.done,
		queue_position: status.queue_position,
		error: status.error,
		next_step: nextStepForStatus(status),
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
