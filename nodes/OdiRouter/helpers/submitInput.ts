import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	CAMERA_MOVEMENT_VALUES,
	CAMERA_MOVEMENTS,
	MAX_CAMERA_MOVEMENTS,
	MAX_PROMPT_LENGTH,
	promptWithCameraMovements,
} from './camera';
import type { ImageInfo } from './image';
import { imageSizeProblem, MAX_IMAGE_BYTES, MIN_SHORT_SIDE_PX, readImageInfo } from './image';
import type { Duration, Resolution, SubmitBody } from './types';

const RESOLUTIONS: Resolution[] = ['768P', '1080P'];
const DURATIONS: Duration[] = [6, 10];
const FORMATS_TEXT = 'JPG/JPEG, PNG or WebP';

/**
 * Bad input, thrown before any request is sent. The message alone names the field, what is wrong
 * and what is allowed: an agent's model and n8n's error list see only the message.
 */
export function invalidInput(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	problem: string,
	allowed: string,
): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `${field} ${problem}. Allowed: ${allowed} [item ${itemIndex}]`, {
		itemIndex,
		description: `Nothing was sent to OdiRouter for this item. Change ${field} (or the expression or input that fills it) and run again.`,
	});
}

function checkImageBytes(ctx: IExecuteFunctions, i: number, field: string, bytes: Buffer): ImageInfo {
	const sizeRule = 'an image smaller than 20 MB';
	if (bytes.length >= MAX_IMAGE_BYTES) {
		throw invalidInput(ctx, i, field, `is ${(bytes.length / 1048576).toFixed(1)} MB`, sizeRule);
	}
	const { format, info } = readImageInfo(bytes);
	if (!format) throw invalidInput(ctx, i, field, 'is not a JPG, PNG or WebP image', FORMATS_TEXT);
	if (!info) {
		throw invalidInput(ctx, i, field, `is a ${format.toUpperCase()} file whose size cannot be read (truncated or damaged)`, `a complete ${FORMATS_TEXT} image`);
	}
	const problem = imageSizeProblem(info);
	if (problem) {
		throw invalidInput(ctx, i, field, problem, `an image whose short side is over ${MIN_SHORT_SIDE_PX} px and whose width/height is between 2:5 (0.4) and 5:2 (2.5)`);
	}
	return info;
}

function base64DecodedLength(payload: string): number {
	const padding = payload.endsWith('==') ? 2 : payload.endsWith('=') ? 1 : 0;
	return Math.floor((payload.length * 3) / 4) - padding;
}

function imageFromUrl(ctx: IExecuteFunctions, i: number): string {
	const field = 'Image URL';
	const allowed = `a public https:// (or http://) URL, or a data:image/...;base64, URL of a ${FORMATS_TEXT} image`;
	const value = ctx.getNodeParameter('imageUrl', i, '') as unknown;
	if (typeof value !== 'string') throw invalidInput(ctx, i, field, `is a ${typeof value}, not text`, allowed);
	if (value.trim() === '') throw invalidInput(ctx, i, field, 'is empty', allowed);
	const url = value.trim();
	const dataUrl = /^data:(image\/[a-z0-9.+-]+);base64,(.*)$/is.exec(url);
	if (dataUrl) {
		const payload = dataUrl[2].replace(/\s+/g, '');
		if (base64DecodedLength(payload) >= MAX_IMAGE_BYTES) {
			throw invalidInput(ctx, i, field, 'holds an image of 20 MB or more', 'an image smaller than 20 MB');
		}
		if (!/^[A-Za-z0-9+/]*={0,2}$/.test(payload)) {
			throw invalidInput(ctx, i, field, 'is a data URL whose Base64 is not valid', allowed);
		}
		checkImageBytes(ctx, i, field, Buffer.from(payload, 'base64'));
		return url;
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

async function imageFromBinary(ctx: IExecuteFunctions, i: number): Promise<string> {
	const field = 'Input Binary Field';
	const name = ctx.getNodeParameter('binaryPropertyName', i, 'data') as unknown;
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
	const bytes = await ctx.helpers.getBinaryDataBuffer(i, name.trim());
	const info = checkImageBytes(ctx, i, `${field} "${name}"`, bytes);
	// The sniffed type, not the file's claimed one: a PNG named .jpg is sent as a PNG.
	return `data:${info.mimeType};base64,${bytes.toString('base64')}`;
}

function readPrompt(ctx: IExecuteFunctions, i: number): string {
	const prompt = ctx.getNodeParameter('prompt', i, '') as unknown;
	if (prompt === null || prompt === undefined) return '';
	if (typeof prompt !== 'string' && typeof prompt !== 'number') {
		throw invalidInput(ctx, i, 'Prompt', `is a ${Array.isArray(prompt) ? 'list' : typeof prompt}`, 'text');
	}
	const moves = ctx.getNodeParameter('cameraMovements', i, []) as unknown;
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
	if (full.length > MAX_PROMPT_LENGTH) {
		const what = list.length > 0 ? `with its camera movements has ${full.length} characters` : `has ${full.length} characters`;
		throw invalidInput(ctx, i, 'Prompt', what, `at most ${MAX_PROMPT_LENGTH} characters`);
	}
	return full;
}

function readBoolean(ctx: IExecuteFunctions, i: number, name: string, label: string, fallback: boolean): boolean {
	const value = ctx.getNodeParameter(name, i, fallback) as unknown;
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw invalidInput(ctx, i, label, `is ${JSON.stringify(value)}`, 'true or false');
}

function readVideoSettings(ctx: IExecuteFunctions, i: number): { resolution: Resolution; duration: Duration } {
	const resolution = ctx.getNodeParameter('resolution', i, '768P') as unknown;
	if (!RESOLUTIONS.includes(resolution as Resolution)) {
		throw invalidInput(ctx, i, 'Resolution', `is ${JSON.stringify(resolution)}`, '768P or 1080P');
	}
	const rawDuration = ctx.getNodeParameter('duration', i, 6) as unknown;
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
	const source = ctx.getNodeParameter('imageSource', i, 'url') as unknown;
	if (source !== 'url' && source !== 'binary') {
		throw invalidInput(ctx, i, 'First Frame Image', `is ${JSON.stringify(source)}`, 'url or binary');
	}
	const prompt = readPrompt(ctx, i);
	const { resolution, duration } = readVideoSettings(ctx, i);
	const promptOptimizer = readBoolean(ctx, i, 'promptOptimizer', 'Prompt Optimizer', true);
	const fastPretreatment = promptOptimizer && readBoolean(ctx, i, 'fastPretreatment', 'Fast Pretreatment', false);
	const aigcWatermark = readBoolean(ctx, i, 'aigcWatermark', 'AIGC Watermark', false);
	const image = source === 'url' ? imageFromUrl(ctx, i) : await imageFromBinary(ctx, i);
	const body: SubmitBody = { first_frame_image: image, duration, resolution };
	if (prompt !== '') body.prompt = prompt;
	// Only what differs from the provider's documented defaults is sent.
	if (!promptOptimizer) body.prompt_optimizer = false;
	if (fastPretreatment) body.fast_pretreatment = true;
	if (aigcWatermark) body.aigc_watermark = true;
	return body;
}
