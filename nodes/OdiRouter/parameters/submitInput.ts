import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import { invalidInput } from '../transport/errors';
import type { Duration, Resolution, SubmitBody } from '../transport/types';
import {
	CAMERA_MOVEMENT_VALUES,
	CAMERA_MOVEMENTS,
	MAX_CAMERA_MOVEMENTS,
	MAX_PROMPT_LENGTH,
	promptLength,
	promptWithCameraMovements,
} from './camera';
import { base64DecodedLength, readDataUrl } from './dataUrl';
import type { ImageInfo } from './image';
import { FORMATS_TEXT, imageVerdict, MAX_IMAGE_BYTES, MAX_IMAGE_MB, megabytes, SIZE_RULE } from './image';
import { readTaskField } from './taskFields';

const RESOLUTIONS: Resolution[] = ['768P', '1080P'];
const DURATIONS: Duration[] = [6, 10];

function checkImageBytes(ctx: IExecuteFunctions, i: number, field: string, bytes: Buffer): ImageInfo {
	const verdict = imageVerdict(bytes);
	if (!verdict.ok) throw invalidInput(ctx, i, field, verdict.problem, verdict.allowed);
	return verdict.info;
}

function imageFromUrl(ctx: IExecuteFunctions, i: number): string {
	const field = 'Image URL';
	const allowed = `a public https:// (or http://) URL, or a data:image/...;base64, URL of a ${FORMATS_TEXT} image`;
	const value = readTaskField(ctx, i, 'imageUrl');
	if (typeof value !== 'string') throw invalidInput(ctx, i, field, `is a ${typeof value}, not text`, allowed);
	if (value.trim() === '') throw invalidInput(ctx, i, field, 'is empty', allowed);
	const url = value.trim();
	const dataUrl = readDataUrl(url);
	if (dataUrl) {
		if (!dataUrl.ok) throw invalidInput(ctx, i, field, dataUrl.problem, allowed);
		const { declaredType, payload } = dataUrl.parts;
		if (base64DecodedLength(payload) >= MAX_IMAGE_BYTES) {
			throw invalidInput(ctx, i, field, `holds an image of ${MAX_IMAGE_MB} MB or more`, SIZE_RULE);
		}
		const bytes = Buffer.from(payload, 'base64');
		const verdict = imageVerdict(bytes);
		if (!verdict.ok) {
			const declared = declaredType.startsWith('image/') ? verdict.problem : `holds ${declaredType} data that ${verdict.problem}`;
			throw invalidInput(ctx, i, field, declared, declaredType.startsWith('image/') ? verdict.allowed : allowed);
		}
		// Sent as the bytes are, not as declared: a PNG labelled image/gif is sent as image/png, and
		// re-encoded, so line breaks and URL-safe or percent-encoded Base64 never reach the API.
		return `data:${verdict.info.mimeType};base64,${bytes.toString('base64')}`;
	}
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw invalidInput(ctx, i, field, `"${url.slice(0, 80)}" is not a URL`, allowed);
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
		throw invalidInput(ctx, i, field, `uses "${parsed.protocol}"`, allowed);
	}
	return url;
}

/** The binary's size from n8n's metadata, so that a video fed in by mistake is refused before it is read. */
async function binarySize(ctx: IExecuteFunctions, binary: IBinaryData): Promise<number | null> {
	if (typeof binary.bytes === 'number') return binary.bytes;
	if (binary.id) {
		try {
			return (await ctx.helpers.getBinaryMetadata(binary.id)).fileSize;
		} catch {
			return null;
		}
	}
	return typeof binary.data === 'string' ? base64DecodedLength(binary.data) : null;
}

async function imageFromBinary(ctx: IExecuteFunctions, i: number): Promise<string> {
	const field = 'Input Binary Field';
	const name = readTaskField(ctx, i, 'binaryPropertyName');
	if (typeof name !== 'string' || name.trim() === '') {
		throw invalidInput(ctx, i, field, 'is empty', 'the name of a binary field of the input item, e.g. data');
	}
	const binary = ctx.getInputData()[i]?.binary?.[name.trim()];
	if (!binary) {
		const present = Object.keys(ctx.getInputData()[i]?.binary ?? {});
		throw invalidInput(
			ctx,
			i,
			field,
			`"${name}" is not on the input item`,
			present.length > 0 ? `one of: ${present.join(', ')}` : 'an item with binary data: add a node that reads or downloads the image first',
		);
	}
	const size = await binarySize(ctx, binary);
	if (size !== null && size >= MAX_IMAGE_BYTES) {
		const typeNote = typeof binary.mimeType === 'string' && binary.mimeType !== '' ? ` (${binary.mimeType})` : '';
		throw invalidInput(ctx, i, `${field} "${name}"`, `is ${megabytes(size)}${typeNote}`, SIZE_RULE);
	}
	const bytes = await ctx.helpers.getBinaryDataBuffer(i, name.trim());
	const info = checkImageBytes(ctx, i, `${field} "${name}"`, bytes);
	// The sniffed type, not the file's claimed one: a PNG named .jpg is sent as a PNG.
	return `data:${info.mimeType};base64,${bytes.toString('base64')}`;
}

function readPrompt(ctx: IExecuteFunctions, i: number): string {
	const prompt = readTaskField(ctx, i, 'prompt');
	if (prompt === null || prompt === undefined) return '';
	if (typeof prompt !== 'string' && typeof prompt !== 'number') {
		throw invalidInput(ctx, i, 'Prompt', `is a ${Array.isArray(prompt) ? 'list' : typeof prompt}`, 'text');
	}
	const moves = readTaskField(ctx, i, 'cameraMovements');
	const list = typeof moves === 'string' ? (moves === '' ? [] : moves.split(',').map((m) => m.trim())) : moves;
	const names = CAMERA_MOVEMENTS.map((move) => `${move.name} (${move.value as string})`).join(', ');
	if (!Array.isArray(list) || list.some((move) => !CAMERA_MOVEMENT_VALUES.includes(move as string))) {
		throw invalidInput(ctx, i, 'Camera Movement', `has an unknown value: ${JSON.stringify(moves)}`, names);
	}
	if (list.length > MAX_CAMERA_MOVEMENTS) {
		throw invalidInput(ctx, i, 'Camera Movement', `has ${list.length} moves`, `at most ${MAX_CAMERA_MOVEMENTS} of ${names}`);
	}
	const text = String(prompt).trim();
	const full = promptWithCameraMovements(text, list as string[]);
	const length = promptLength(full);
	if (length > MAX_PROMPT_LENGTH) {
		const what = list.length > 0 ? `with its camera movements has ${length} characters` : `has ${length} characters`;
		throw invalidInput(ctx, i, 'Prompt', what, `at most ${MAX_PROMPT_LENGTH} characters`);
	}
	return full;
}

function readBoolean(ctx: IExecuteFunctions, i: number, name: string, label: string): boolean {
	const value = readTaskField(ctx, i, name);
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw invalidInput(ctx, i, label, `is ${JSON.stringify(value)}`, 'true or false');
}

function readVideoSettings(ctx: IExecuteFunctions, i: number): { resolution: Resolution; duration: Duration } {
	const resolution = readTaskField(ctx, i, 'resolution');
	if (!RESOLUTIONS.includes(resolution as Resolution)) {
		throw invalidInput(ctx, i, 'Resolution', `is ${JSON.stringify(resolution)}`, '768P or 1080P');
	}
	const rawDuration = readTaskField(ctx, i, 'duration');
	const duration = typeof rawDuration === 'string' && rawDuration.trim() !== '' ? Number(rawDuration) : rawDuration;
	if (!DURATIONS.includes(duration as Duration)) {
		throw invalidInput(ctx, i, 'Duration', `is ${JSON.stringify(rawDuration)}`, '6 or 10 (seconds; 10 only with 768P)');
	}
	if (resolution === '1080P' && duration === 10) {
		throw invalidInput(ctx, i, 'Duration', 'is 10 s, which 1080P does not offer', '6 s with 1080P; 6 or 10 s with 768P');
	}
	return { resolution: resolution as Resolution, duration: duration as Duration };
}

/** Reads and checks one item's task; throws a NodeOperationError before any request when input is bad. */
export async function readSubmitBody(ctx: IExecuteFunctions, i: number): Promise<SubmitBody> {
	const source = readTaskField(ctx, i, 'imageSource');
	if (source !== 'url' && source !== 'binary') {
		throw invalidInput(ctx, i, 'First Frame Image', `is ${JSON.stringify(source)}`, 'url or binary');
	}
	const prompt = readPrompt(ctx, i);
	const { resolution, duration } = readVideoSettings(ctx, i);
	const promptOptimizer = readBoolean(ctx, i, 'promptOptimizer', 'Prompt Optimizer');
	const fastPretreatment = promptOptimizer && readBoolean(ctx, i, 'fastPretreatment', 'Fast Pretreatment');
	const aigcWatermark = readBoolean(ctx, i, 'aigcWatermark', 'AIGC Watermark');
	const image = source === 'url' ? imageFromUrl(ctx, i) : await imageFromBinary(ctx, i);
	const body: SubmitBody = { first_frame_image: image, duration, resolution };
	if (prompt !== '') body.prompt = prompt;
	// Only what differs from the provider's documented defaults is sent.
	if (!promptOptimizer) body.prompt_optimizer = false;
	if (fastPretreatment) body.fast_pretreatment = true;
	if (aigcWatermark) body.aigc_watermark = true;
	return body;
}
