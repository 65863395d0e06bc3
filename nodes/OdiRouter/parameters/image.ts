export type ImageFormat = 'png' | 'jpeg' | 'webp';

export interface ImageInfo {
	format: ImageFormat;
	mimeType: string;
	width: number;
	height: number;
}

export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
export const MIN_SHORT_SIDE_PX = 300;
export const MIN_ASPECT_RATIO = 2 / 5;
export const MAX_ASPECT_RATIO = 5 / 2;

/** The API's first-frame rules in words, for every editor text, error and tool description that states them. */
export const MAX_IMAGE_MB = MAX_IMAGE_BYTES / 1048576;
export const TALLEST_ASPECT = '2:5';
export const WIDEST_ASPECT = '5:2';
export const IMAGE_FORMATS = 'JPG, PNG or WebP';
export const IMAGE_RULES = `${IMAGE_FORMATS}, under ${MAX_IMAGE_MB} MB, short side over ${MIN_SHORT_SIDE_PX} px`;

const MIME_TYPES: Record<ImageFormat, string> = {
	png: 'image/png',
	jpeg: 'image/jpeg',
	webp: 'image/webp',
};

export function detectFormat(bytes: Buffer): ImageFormat | null {
	if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.readUInt32BE(4) === 0x0d0a1a0a) {
		return 'png';
	}
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
	if (
		bytes.length >= 12 &&
		bytes.toString('latin1', 0, 4) === 'RIFF' &&
		bytes.toString('latin1', 8, 12) === 'WEBP'
	) {
		return 'webp';
	}
	return null;
}

function pngSize(bytes: Buffer): [number, number] | null {
	if (bytes.length < 24 || bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
	return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

// Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
function isStartOfFrame(marker: number): boolean {
	return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function jpegSize(bytes: Buffer): [number, number] | null {
	let offset = 2;
	while (offset + 4 <= bytes.length) {
		if (bytes[offset] !== 0xff) return null;
		const marker = bytes[offset + 1];
		if (marker === 0xff) {
			offset += 1;
			continue;
		}
		if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
			offset += 2;
			continue;
		}
		const length = bytes.readUInt16BE(offset + 2);
		if (length < 2) return null;
		if (isStartOfFrame(marker)) {
			if (offset + 9 > bytes.length) return null;
			return [bytes.readUInt16BE(offset + 7), bytes.readUInt16BE(offset + 5)];
		}
		if (marker === 0xd9 || marker === 0xda) return null;
		offset += 2 + length;
	}
	return null;
}

function webpSize(bytes: Buffer): [number, number] | null {
	if (bytes.length < 30) return null;
	const chunk = bytes.toString('latin1', 12, 16);
	if (chunk === 'VP8X') {
		return [1 + bytes.readUIntLE(24, 3), 1 + bytes.readUIntLE(27, 3)];
	}
	if (chunk === 'VP8L') {
		if (bytes[20] !== 0x2f) return null;
		const bits = bytes.readUInt32LE(21);
		return [1 + (bits & 0x3fff), 1 + ((bits >>> 14) & 0x3fff)];
	}
	if (chunk === 'VP8 ') {
		if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) return null;
		return [bytes.readUInt16LE(26) & 0x3fff, bytes.readUInt16LE(28) & 0x3fff];
	}
	return null;
}

const SIZE_READERS: Record<ImageFormat, (bytes: Buffer) => [number, number] | null> = {
	png: pngSize,
	jpeg: jpegSize,
	webp: webpSize,
};

/** Image formats the API does not take, named so that a refusal can say what the file is. */
export function otherImageFormat(bytes: Buffer): string | null {
	const start = bytes.toString('latin1', 0, 12);
	if (start.startsWith('GIF8')) return 'GIF';
	if (start.startsWith('BM')) return 'BMP';
	if (start.startsWith('II*\0') || start.startsWith('MM\0*')) return 'TIFF';
	if (start.slice(4, 8) === 'ftyp') {
		const brand = start.slice(8, 12);
		if (brand === 'avif' || brand === 'avis') return 'AVIF';
		if (['heic', 'heix', 'heim', 'heis', 'mif1', 'msf1'].includes(brand)) return 'HEIC';
	}
	return null;
}

/** Format and pixel size read from the file header, or `null` when the bytes are not a readable image. */
export function readImageInfo(bytes: Buffer): { format: ImageFormat | null; info: ImageInfo | null } {
	const format = detectFormat(bytes);
	if (!format) return { format: null, info: null };
	const size = SIZE_READERS[format](bytes);
	if (!size || size[0] <= 0 || size[1] <= 0) return { format, info: null };
	return { format, info: { format, mimeType: MIME_TYPES[format], width: size[0], height: size[1] } };
}

/** What is wrong with an image's size, in words for the user, or `null` when it is acceptable. */
export function imageSizeProblem(info: ImageInfo): string | null {
	const shortSide = Math.min(info.width, info.height);
	if (shortSide <= MIN_SHORT_SIDE_PX) {
		return `is ${info.width}×${info.height} px: its short side, ${shortSide} px, is not over ${MIN_SHORT_SIDE_PX} px`;
	}
	const ratio = info.width / info.height;
	if (ratio < MIN_ASPECT_RATIO || ratio > MAX_ASPECT_RATIO) {
		return `is ${info.width}×${info.height} px (aspect ratio ${ratio.toFixed(2)}): too ${ratio > 1 ? 'wide' : 'tall'}`;
	}
	return null;
}

export const FORMATS_TEXT = 'JPG/JPEG, PNG or WebP';

export const SIZE_RULE = `an image smaller than ${MAX_IMAGE_MB} MB`;

export const PIXEL_RULE = `an image whose short side is over ${MIN_SHORT_SIDE_PX} px and whose width/height is between ${TALLEST_ASPECT} (${MIN_ASPECT_RATIO}) and ${WIDEST_ASPECT} (${MAX_ASPECT_RATIO})`;

/** What is wrong with an image, in words for the user (`problem` follows the field's name), and what is allowed. */
export interface ImageProblem {
	problem: string;
	allowed: string;
}

/** Which rule an image broke: its file size, its format, a header too short to read, or its pixel size. */
export type ImageRule = 'bytes' | 'format' | 'header' | 'pixels';

export type ImageVerdict = { ok: true; info: ImageInfo } | ({ ok: false; rule: ImageRule } & ImageProblem);

export function megabytes(bytes: number): string {
	return `${(bytes / 1048576).toFixed(1)} MB`;
}

/**
 * The API's rules for a first frame, checked on the file's bytes (or its first bytes: `totalBytes`
 * is then the file's whole size). Binary input, data URLs and links all get these same answers.
 */
export function imageVerdict(bytes: Buffer, totalBytes = bytes.length): ImageVerdict {
	if (totalBytes >= MAX_IMAGE_BYTES) return { ok: false, rule: 'bytes', problem: `is ${megabytes(totalBytes)}`, allowed: SIZE_RULE };
	const { format, info } = readImageInfo(bytes);
	if (!format) {
		const other = otherImageFormat(bytes);
		const what = other ? `is a ${other} image, not a ${IMAGE_FORMATS} image` : `is not a ${IMAGE_FORMATS} image`;
		return { ok: false, rule: 'format', problem: what, allowed: FORMATS_TEXT };
	}
	if (!info) {
		return {
			ok: false,
			rule: 'header',
			problem: `is a ${format.toUpperCase()} file whose size cannot be read (truncated or damaged)`,
			allowed: `a complete ${FORMATS_TEXT} image`,
		};
	}
	const problem = imageSizeProblem(info);
	return problem ? { ok: false, rule: 'pixels', problem, allowed: PIXEL_RULE } : { ok: true, info };
}
