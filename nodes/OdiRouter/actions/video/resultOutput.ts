import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OutputSettings } from '../../parameters/outputFields';
import { downloadVideo } from '../../transport/download';
import { apiError } from '../../transport/errors';
import { taskEndedError } from '../../transport/taskErrors';
import type { TaskStatus, VideoResult } from '../../transport/types';
import type { ItemRun } from '../itemRun';
import { simplifyResult } from './simplify';

/** A task that is not finished yet, in the result's shape: no video, every video field `null`. */
export function notReadyResult(requestId: string, status: TaskStatus | null): VideoResult {
	return {
		request_id: requestId,
		status: !status || status.status === 'unknown' ? 'running' : status.status,
		video_url: null,
		content_type: null,
		file_name: null,
		file_size: null,
		duration: null,
		width: null,
		height: null,
		raw: status?.raw ?? {},
	};
}

export function outputJson(result: VideoResult, settings: Pick<OutputSettings, 'output'>): IDataObject {
	return settings.output === 'simplified' ? simplifyResult(result) : result;
}

/** A finished task as an output item: fails clearly when the task failed or has no video. */
export async function resultToItem(
	ctx: IExecuteFunctions,
	itemIndex: number,
	run: ItemRun,
	result: VideoResult,
	settings: OutputSettings,
): Promise<INodeExecutionData> {
	const requestId = result.request_id;
	if (result.status === 'failed' || result.status === 'cancelled') {
		throw taskEndedError(ctx.getNode(), {
			status: result.status,
			reason: result.raw.error ?? result.status,
			errorType: result.raw.error_type,
			itemIndex,
			requestId,
		});
	}
	if (!result.video_url) {
		throw apiError(ctx.getNode(), {
			message: `The task finished but its result has no video URL. Request ID: ${requestId}. See the API's answer with Get Result (Output: Raw, Download Video off).`,
			description: `The answer's fields were: ${Object.keys(result.raw).join(', ') || 'none'}.`,
			itemIndex,
			requestId,
		});
	}
	const item: INodeExecutionData = { json: outputJson(result, settings), pairedItem: { item: itemIndex } };
	if (!settings.downloadVideo) return item;
	const mimeType = result.content_type?.startsWith('video/') ? result.content_type : 'video/mp4';
	const binary = await downloadVideo(run.client, {
		url: result.video_url,
		fileName: result.file_name ?? `${requestId}.mp4`,
		mimeType,
		itemIndex,
		requestId,
	});
	item.binary = { [settings.binaryProperty]: binary };
	return item;
}
