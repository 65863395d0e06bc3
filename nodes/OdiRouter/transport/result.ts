import type { IDataObject } from 'n8n-workflow';

import { numberOrNull, textOrNull } from './jsonValues';
import { normaliseStatus } from './status';
import type { VideoResult } from './types';

interface VideoFields {
	url: string;
	details: IDataObject;
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function urlOf(value: unknown): string | null {
	return typeof value === 'string' && /^https?:\/\//i.test(value) ? value : null;
}

function fromOutputs(outputs: unknown): VideoFields | null {
	if (!Array.isArray(outputs)) return null;
	const candidates = outputs.filter(isObject);
	const video =
		candidates.find((output) => output.type === 'video' && urlOf(output.url)) ??
		candidates.find((output) => urlOf(output.url));
	return video ? { url: urlOf(video.url) as string, details: video } : null;
}

/** Finds the video in any shape seen for this model: `outputs[]`, `video_url`, `video.url`, `file.download_url`. */
export function findVideo(body: IDataObject): VideoFields | null {
	const nested = isObject(body.data) ? body.data : isObject(body.output) ? body.output : null;
	for (const source of nested ? [body, nested] : [body]) {
		const found =
			fromOutputs(source.outputs) ??
			(urlOf(source.video_url) ? { url: urlOf(source.video_url) as string, details: source } : null) ??
			(isObject(source.video) && urlOf(source.video.url)
				? { url: urlOf(source.video.url) as string, details: source.video }
				: null) ??
			(isObject(source.file) && urlOf(source.file.download_url)
				? { url: urlOf(source.file.download_url) as string, details: source.file }
				: null);
		if (found) return found;
	}
	return null;
}

function fileNameFromUrl(url: string): string | null {
	try {
		const last = new URL(url).pathname.split('/').pop();
		return last ? decodeURIComponent(last) : null;
	} catch {
		return null;
	}
}

/** A finished result as one stable shape; a field the API did not give is `null`. */
export function parseVideoResult(requestId: string, body: IDataObject): VideoResult {
	const video = findVideo(body);
	const details = video?.details ?? {};
	const status = normaliseStatus(requestId, { ...body, status: body.status ?? 'COMPLETED' }).status;
	return {
		request_id: requestId,
		status,
		video_url: video?.url ?? null,
		content_type: textOrNull(details.content_type ?? details.mime_type) ?? (video ? 'video/mp4' : null),
		file_name: textOrNull(details.file_name ?? details.filename) ?? (video ? fileNameFromUrl(video.url) : null),
		file_size: numberOrNull(details.file_size ?? details.size ?? details.bytes),
		duration: numberOrNull(details.duration),
		width: numberOrNull(details.width),
		height: numberOrNull(details.height),
		raw: body,
	};
}
