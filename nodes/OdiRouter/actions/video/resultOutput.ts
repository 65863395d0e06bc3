import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { VideoResult } from '../../helpers/types';
import { downloadVideo } from '../../transport/download';
import { apiError } from '../../transport/errors';
import type { ItemRun } from '../itemRun';

export interface OutputSettings {
	downloadVideo: boolean;
	binaryProperty: string;
}

export function readOutputSettings(ctx: IExecuteFunctions, itemIndex: number): OutputSettings {
	const download = ctx.getNodeParameter('downloadVideo', itemIndex, true) as unknown;
	const property = ctx.getNodeParameter('options.binaryPropertyOutput', itemIndex, 'data') as unknown;
	return {
		downloadVideo: download !== false && download !== 'false',
		binaryProperty: typeof property === 'string' && property.trim() !== '' ? property.trim() : 'data',
	};
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
		const reason = (result.raw.error as string | undefined) ?? result.status;
		throw apiError(ctx.getNode(), {
			message: `The task ${result.status === 'failed' ? 'failed' : 'was cancelled'}: ${typeof reason === 'string' ? reason : JSON.stringify(reason)}. Request ID: ${requestId}.`,
			description: `Error type: ${String(result.raw.error_type ?? 'not given')}. Check the image and prompt, then submit again.`,
			itemIndex,
			requestId,
		});
	}
	if (!result.video_url) {
		throw apiError(ctx.getNode(), {
			message: `The task finished but its result has no video URL. Request ID: ${requestId}.`,
			description: `The answer's fields were: ${Object.keys(result.raw).join(', ') || 'none'}. The raw answer can be seen with Get Result and Download Video off.`,
			itemIndex,
			requestId,
		});
	}
	const item: INodeExecutionData = { json: result, pairedItem: { item: itemIndex } };
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
