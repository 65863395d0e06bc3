import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import { invalidInput } from '../../parameters/submitInput';
import { isToolMode } from '../../parameters/toolMode';
import type { TaskStatus, VideoResult } from '../../transport/types';
import { downloadVideo } from '../../transport/download';
import { apiError } from '../../transport/errors';
import type { ItemRun } from '../itemRun';
import { simplifyResult } from './simplify';

export type OutputMode = 'simplified' | 'raw';

export interface OutputSettings {
	downloadVideo: boolean;
	binaryProperty: string;
	output: OutputMode;
}

/** The Output parameter: Raw by default, Simplified by default when the node is an agent's tool. */
export function readOutputMode(ctx: IExecuteFunctions, itemIndex: number): OutputMode {
	const output = ctx.getNodeParameter('output', itemIndex, isToolMode(ctx) ? 'simplified' : 'raw') as unknown;
	if (output === 'simplified' || output === 'raw') return output;
	throw invalidInput(ctx, itemIndex, 'Output', `is ${JSON.stringify(output)}`, 'simplified or raw');
}

export function readOutputSettings(ctx: IExecuteFunctions, itemIndex: number): OutputSettings {
	const download = ctx.getNodeParameter('downloadVideo', itemIndex, !isToolMode(ctx)) as unknown;
	const property = ctx.getNodeParameter('options.binaryPropertyOutput', itemIndex, 'data') as unknown;
	return {
		downloadVideo: download !== false && download !== 'false',
		binaryProperty: typeof property === 'string' && property.trim() !== '' ? property.trim() : 'data',
		output: readOutputMode(ctx, itemIndex),
	};
}

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
