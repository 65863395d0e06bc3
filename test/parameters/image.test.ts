import { describe, expect, it } from 'vitest';

import type { ImageInfo } from '../../nodes/OdiRouter/parameters/image';
import { detectFormat, imageSizeProblem, imageVerdict, otherImageFormat, readImageInfo } from '../../nodes/OdiRouter/parameters/image';
import { jpeg, png, webp, webpLossless, webpLossy } from '../../harness/images';

/** A JPEG whose first segments are the given markers, each with a 2-byte length and no payload. */
function jpegWith(...segments: number[][]): Buffer {
	return Buffer.concat([Buffer.from([0xff, 0xd8]), ...segments.map((segment) => Buffer.from(segment))]);
}
const sof = (marker: number, width: number, height: number) => [0xff, marker, 0x00, 0x11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff];

describe('image format from the first bytes', () => {
	it.each<[string, Buffer, string | null]>([
		['PNG', png(800, 600), 'png'],
		['JPEG', jpeg(800, 600), 'jpeg'],
		['WebP VP8X', webp(800, 600), 'webp'],
		['WebP VP8L', webpLossless(800, 600), 'webp'],
		['WebP VP8', webpLossy(800, 600), 'webp'],
		['GIF', Buffer.from('GIF89a\x01\x00\x01\x00'), null],
		['PDF', Buffer.from('%PDF-1.7'), null],
		['RIFF that is not WebP (WAV)', Buffer.from('RIFF\x00\x00\x00\x00WAVEfmt '), null],
		['PNG signature cut at 7 bytes', png(800, 600).subarray(0, 7), null],
		['two JPEG bytes', Buffer.from([0xff, 0xd8]), null],
		['empty', Buffer.alloc(0), null],
	])('%s → %s', (_name, bytes, expected) => {
		expect(detectFormat(bytes)).toBe(expected);
	});
});

describe('pixel size from the header, per format', () => {
	it.each<[string, Buffer, string | null]>([
		['PNG 1280×720', png(1280, 720), 'png 1280×720'],
		['PNG 1×1', png(1, 1), 'png 1×1'],
		['PNG cut inside IHDR', png(1280, 720).subarray(0, 20), null],
		['PNG with 0 width', png(0, 720), null],
		['JPEG baseline 1000×200', jpeg(1000, 200), 'jpeg 1000×200'],
		['JPEG progressive (SOF2) 640×480', jpegWith(sof(0xc2, 640, 480)), 'jpeg 640×480'],
		['JPEG: DHT (C4) skipped, then SOF1', jpegWith([0xff, 0xc4, 0x00, 0x02], sof(0xc1, 321, 123)), 'jpeg 321×123'],
		['JPEG: fill bytes before a marker', jpegWith([0xff, 0xff], sof(0xc0, 400, 300)), 'jpeg 400×300'],
		['JPEG: start of scan before any frame', jpegWith([0xff, 0xda, 0x00, 0x02]), null],
		['JPEG: end of image before any frame', Buffer.from([0xff, 0xd8, 0xff, 0xd9]), null],
		['JPEG: segment length below 2', jpegWith([0xff, 0xe0, 0x00, 0x01]), null],
		['JPEG: a byte that is not a marker', jpegWith([0x12, 0x34, 0x00, 0x02]), null],
		['JPEG: frame header cut short', jpegWith(sof(0xc0, 400, 300).slice(0, 6)), null],
		['WebP VP8X 800×600', webp(800, 600), 'webp 800×600'],
		['WebP VP8X 16383×16383', webp(16383, 16383), 'webp 16383×16383'],
		['WebP VP8L 2000×400', webpLossless(2000, 400), 'webp 2000×400'],
		['WebP VP8L without its signature byte', Buffer.from(webpLossless(2000, 400).fill(0, 20, 21)), null],
		['WebP VP8 1920×1080', webpLossy(1920, 1080), 'webp 1920×1080'],
		['WebP VP8 without its start code', Buffer.from(webpLossy(1920, 1080).fill(0, 23, 24)), null],
		['WebP with an unknown chunk', Buffer.from(webp(800, 600).fill(0x41, 12, 16)), null],
		['WebP cut at 16 bytes', webp(800, 600).subarray(0, 16), null],
	])('%s → %s', (_name, bytes, expected) => {
		const { info } = readImageInfo(bytes);
		expect(info ? `${info.format} ${info.width}×${info.height}` : null).toBe(expected);
	});

	it('names the MIME type of each format and keeps the format when the size is unreadable', () => {
		expect(readImageInfo(png(800, 600)).info?.mimeType).toBe('image/png');
		expect(readImageInfo(jpeg(800, 600)).info?.mimeType).toBe('image/jpeg');
		expect(readImageInfo(webp(800, 600)).info?.mimeType).toBe('image/webp');
		expect(readImageInfo(png(800, 600).subarray(0, 20))).toEqual({ format: 'png', info: null });
	});
});

describe('image size rules (short side over 300 px, aspect ratio 2:5 to 5:2)', () => {
	const info = (width: number, height: number): ImageInfo => ({ format: 'png', mimeType: 'image/png', width, height });
	it.each<[number, number, string | null]>([
		[301, 301, null],
		[1280, 720, null],
		[300, 750, 'short side, 300 px, is not over 300 px'],
		[600, 300, 'short side, 300 px, is not over 300 px'],
		[1000, 400, null],
		[400, 1000, null],
		[1001, 400, 'aspect ratio 2.50): too wide'],
		[1800, 600, 'aspect ratio 3.00): too wide'],
		[400, 1001, 'aspect ratio 0.40): too tall'],
		[400, 1200, 'aspect ratio 0.33): too tall'],
	])('%i×%i → %s', (width, height, expected) => {
		const problem = imageSizeProblem(info(width, height));
		if (expected === null) expect(problem).toBeNull();
		else expect(problem).toContain(expected);
	});
});

describe('formats the API does not take are named', () => {
	const ftyp = (brand: string) => Buffer.from(`\0\0\0\x18ftyp${brand}`, 'latin1');
	it.each<[string, Buffer, string | null]>([
		['GIF89a', Buffer.from('GIF89a\x01\x00\x01\x00'), 'GIF'],
		['GIF87a', Buffer.from('GIF87a'), 'GIF'],
		['BMP', Buffer.from('BM\x36\x00\x00\x00'), 'BMP'],
		['TIFF, little-endian', Buffer.from('II*\0\x08\0\0\0', 'latin1'), 'TIFF'],
		['TIFF, big-endian', Buffer.from('MM\0*\0\0\0\x08', 'latin1'), 'TIFF'],
		['AVIF', ftyp('avif'), 'AVIF'],
		['HEIC', ftyp('heic'), 'HEIC'],
		['HEIF (mif1)', ftyp('mif1'), 'HEIC'],
		['MP4 (isom)', ftyp('isom'), null],
		['PDF', Buffer.from('%PDF-1.7'), null],
		['PNG', png(800, 600), null],
	])('%s → %s', (_name, bytes, expected) => {
		expect(otherImageFormat(bytes)).toBe(expected);
	});
});

describe('one verdict for every image input (binary, data URL, link)', () => {
	it.each<[string, Buffer, number | undefined, string, string | null]>([
		['PNG 1280×720', png(1280, 720), undefined, 'ok', null],
		['its header, file said to be 19.9 MB', png(1280, 720), 19.9 * 1048576, 'ok', null],
		['its header, file said to be 20 MB', png(1280, 720), 20 * 1048576, 'bytes', 'is 20.0 MB'],
		['GIF', Buffer.from('GIF89a\x01\x00\x01\x00'), undefined, 'format', 'is a GIF image, not a JPG, PNG or WebP image'],
		['text', Buffer.from('hello'), undefined, 'format', 'is not a JPG, PNG or WebP image'],
		['PNG cut inside its header', png(1280, 720).subarray(0, 20), undefined, 'header', 'size cannot be read'],
		['PNG 200×200', png(200, 200), undefined, 'pixels', '200×200 px'],
		['JPEG 1800×600', jpeg(1800, 600), undefined, 'pixels', 'aspect ratio 3.00'],
	])('%s → %s', (_name, bytes, totalBytes, rule, problem) => {
		const verdict = imageVerdict(bytes, totalBytes);
		expect(verdict.ok ? 'ok' : verdict.rule).toBe(rule);
		if (!verdict.ok) expect(verdict.problem).toContain(problem);
	});
});
