import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Simulator } from '../../simulator/server.mjs';
import { startSimulator } from '../../simulator/server.mjs';
import { dataUrl, jpeg, png, webp, webpLossless } from '../../harness/images';
import { binaryItem } from '../../harness/items';
import { runNode } from '../../harness/runNode';

interface BadCase {
	name: string;
	parameters: IDataObject;
	items?: INodeExecutionData[];
	baseUrl?: string;
	/** Words the error's message must contain: the field, and something of the allowed values. */
	expected: string[];
}

const goodImage = dataUrl(png(1280, 720));
const submit = (extra: IDataObject): IDataObject => ({ operation: 'submit', imageUrl: goodImage, ...extra });
const wait = (extra: IDataObject): IDataObject => ({ operation: 'submitAndWait', imageUrl: goodImage, ...extra });
const twentyMb = 20 * 1024 * 1024;

const cases: BadCase[] = [
	{ name: 'empty image URL', parameters: submit({ imageUrl: '' }), expected: ['Image URL', 'is empty', 'https://'] },
	{ name: 'whitespace image URL', parameters: submit({ imageUrl: '   ' }), expected: ['Image URL', 'is empty'] },
	{ name: 'image URL that is not a URL', parameters: submit({ imageUrl: 'cat.png' }), expected: ['Image URL', 'is not a URL'] },
	{ name: 'ftp image URL', parameters: submit({ imageUrl: 'ftp://example.com/cat.png' }), expected: ['Image URL', 'ftp:', 'https://'] },
	{ name: 'file image URL', parameters: submit({ imageUrl: 'file:///etc/passwd' }), expected: ['Image URL', 'file:'] },
	{ name: 'javascript image URL', parameters: submit({ imageUrl: 'javascript:alert(1)' }), expected: ['Image URL', 'javascript:'] },
	{ name: 'data URL that is not an image', parameters: submit({ imageUrl: 'data:text/plain;base64,aGVsbG8=' }), expected: ['Image URL', 'data:image/'] },
	{ name: 'image URL as a number from an expression', parameters: submit({ imageUrl: 42 }), expected: ['Image URL', 'is a number'] },
	{ name: 'data URL with broken Base64', parameters: submit({ imageUrl: 'data:image/png;base64,@@@@' }), expected: ['Image URL', 'Base64'] },
	{ name: 'data URL holding text', parameters: submit({ imageUrl: dataUrl(Buffer.from('hello world, not an image')) }), expected: ['Image URL', 'not a JPG, PNG or WebP', 'JPG/JPEG, PNG or WebP'] },
	{ name: 'data URL holding a GIF', parameters: submit({ imageUrl: dataUrl(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00'), 'image/gif') }), expected: ['is a GIF image, not a JPG, PNG or WebP'] },
	{ name: 'data URL holding text, declared as text', parameters: submit({ imageUrl: 'data:text/plain;base64,aGVsbG8gd29ybGQ=' }), expected: ['Image URL', 'holds text/plain data', 'data:image/...;base64,'] },
	{ name: 'data URL that is not Base64 (SVG text)', parameters: submit({ imageUrl: 'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg"/>' }), expected: ['Image URL', '";base64," is missing', 'data:image/...;base64,'] },
	{ name: 'data URL without a comma', parameters: submit({ imageUrl: 'data:image/png;base64' }), expected: ['Image URL', 'without the ","'] },
	{ name: 'data URL of 1 pixel with a name parameter', parameters: submit({ imageUrl: `data:image/png;name=a.png;base64,${png(1, 1).toString('base64')}` }), expected: ['Image URL', '1×1', '300 px'] },
	{ name: 'PNG with a truncated header', parameters: submit({ imageUrl: dataUrl(png(800, 600).subarray(0, 20)) }), expected: ['Image URL', 'truncated'] },
	{ name: 'JPEG with no frame header', parameters: submit({ imageUrl: dataUrl(Buffer.from([0xff, 0xd8, 0xff, 0xd9]), 'image/jpeg') }), expected: ['Image URL', 'truncated'] },
	{ name: 'WebP with a truncated header', parameters: submit({ imageUrl: dataUrl(webp(800, 600).subarray(0, 16), 'image/webp') }), expected: ['Image URL', 'truncated'] },
	{ name: '1 px PNG', parameters: submit({ imageUrl: dataUrl(png(1, 1)) }), expected: ['Image URL', '1×1', '300 px'] },
	{ name: 'short side of exactly 300 px', parameters: submit({ imageUrl: dataUrl(png(600, 300)) }), expected: ['Image URL', '600×300', 'over 300 px'] },
	{ name: 'JPEG 200 px high', parameters: submit({ imageUrl: dataUrl(jpeg(1000, 200), 'image/jpeg') }), expected: ['1000×200'] },
	{ name: 'aspect ratio 3:1', parameters: submit({ imageUrl: dataUrl(png(1800, 600)) }), expected: ['aspect ratio 3.00', '2:5', '5:2'] },
	{ name: 'aspect ratio 1:3', parameters: submit({ imageUrl: dataUrl(webp(400, 1200), 'image/webp') }), expected: ['aspect ratio 0.33', '0.4'] },
	{ name: 'lossless WebP of 5:1', parameters: submit({ imageUrl: dataUrl(webpLossless(2000, 400), 'image/webp') }), expected: ['2000×400', 'aspect ratio 5.00'] },
	{ name: 'extreme aspect ratio 100:1', parameters: submit({ imageUrl: dataUrl(png(40000, 400)) }), expected: ['aspect ratio'] },
	{ name: 'data URL of 20 MB + 1 byte', parameters: submit({ imageUrl: dataUrl(png(1000, 1000, twentyMb + 1)) }), expected: ['Image URL', '20 MB'] },
	{ name: 'binary of exactly 20 MB', parameters: submit({ imageSource: 'binary' }), items: [binaryItem(png(1000, 1000, twentyMb), 'big.png', 'image/png')], expected: ['Input Binary Field', '20.0 MB', 'smaller than 20 MB'] },
	{ name: 'missing binary field', parameters: submit({ imageSource: 'binary', binaryPropertyName: 'image' }), items: [binaryItem(png(800, 600), 'a.png', 'image/png', 'data')], expected: ['Input Binary Field', '"image" is not on the input item', 'data'] },
	{ name: 'item without any binary', parameters: submit({ imageSource: 'binary' }), items: [{ json: {} }], expected: ['Input Binary Field', 'binary data'] },
	{ name: 'empty binary field name', parameters: submit({ imageSource: 'binary', binaryPropertyName: '' }), expected: ['Input Binary Field', 'is empty'] },
	{ name: 'PDF in the binary field', parameters: submit({ imageSource: 'binary' }), items: [binaryItem(Buffer.from('%PDF-1.7 ...'), 'photo.png', 'image/png')], expected: ['Input Binary Field', 'not a JPG, PNG or WebP'] },
	{ name: 'text file named .jpg', parameters: submit({ imageSource: 'binary' }), items: [binaryItem(Buffer.from('plain text'), 'cat.jpg', 'image/jpeg')], expected: ['not a JPG, PNG or WebP'] },
	{ name: 'tiny PNG with a .jpg name', parameters: submit({ imageSource: 'binary' }), items: [binaryItem(png(100, 100), 'cat.jpg', 'image/jpeg')], expected: ['100×100', '300 px'] },
	{ name: 'unknown image source', parameters: submit({ imageSource: 'drive' }), expected: ['First Frame Image', 'url or binary'] },
	{ name: 'prompt of 2001 characters', parameters: submit({ prompt: 'a'.repeat(2001) }), expected: ['Prompt', '2001 characters', 'at most 2000'] },
	{ name: 'prompt of 2001 emoji (4002 UTF-16 units)', parameters: submit({ prompt: '😀'.repeat(2001) }), expected: ['Prompt', 'has 2001 characters', 'at most 2000'] },
	{ name: 'prompt of 100 000 characters', parameters: submit({ prompt: 'b'.repeat(100_000) }), expected: ['Prompt', 'at most 2000'] },
	{ name: 'prompt that overflows with its camera moves', parameters: submit({ prompt: 'c'.repeat(1995), cameraMovements: ['左移', '推进'] }), expected: ['Prompt', 'with its camera movements', 'at most 2000'] },
	{ name: 'prompt as an object from an expression', parameters: submit({ prompt: { text: 'x' } }), expected: ['Prompt', 'is a object', 'text'] },
	{ name: 'four camera moves', parameters: submit({ cameraMovements: ['左移', '右移', '推进', '拉远'] }), expected: ['Camera Movement', 'has 4 moves', 'at most 3'] },
	{ name: 'unknown camera move', parameters: submit({ cameraMovements: ['Barrel Roll'] }), expected: ['Camera Movement', 'unknown value', 'Truck Left (左移)'] },
	{ name: 'resolution 4K', parameters: submit({ resolution: '4K' }), expected: ['Resolution', '"4K"', '768P or 1080P'] },
	{ name: 'resolution in lower case', parameters: submit({ resolution: '1080p' }), expected: ['Resolution', '768P or 1080P'] },
	{ name: 'empty resolution', parameters: submit({ resolution: '' }), expected: ['Resolution'] },
	{ name: 'duration 8', parameters: submit({ duration: 8 }), expected: ['Duration', '8', '6 or 10'] },
	{ name: 'duration as words', parameters: submit({ duration: 'ten' }), expected: ['Duration', '"ten"', '6 or 10'] },
	{ name: 'duration 0', parameters: submit({ duration: 0 }), expected: ['Duration', '6 or 10'] },
	{ name: '1080P with 10 s', parameters: submit({ resolution: '1080P', duration: 10 }), expected: ['Duration', '1080P', '6 s with 1080P'] },
	{ name: '1080P with "10" from an expression', parameters: wait({ resolution: '1080P', duration: '10' }), expected: ['Duration', '1080P'] },
	{ name: 'prompt optimizer as a word', parameters: submit({ promptOptimizer: 'yes' }), expected: ['Prompt Optimizer', 'true or false'] },
	{ name: 'watermark as a number', parameters: submit({ aigcWatermark: 1 }), expected: ['AIGC Watermark', 'true or false'] },
	{ name: 'empty model', parameters: submit({ model: '' }), expected: ['Model', 'is empty'] },
	{ name: 'model with a slash', parameters: submit({ model: 'minimax/../../admin' }), expected: ['Model', 'letters, digits'] },
	{ name: 'empty request id', parameters: { operation: 'getStatus', requestId: '' }, expected: ['Request ID', 'is empty'] },
	{ name: 'request id with a slash', parameters: { operation: 'getStatus', requestId: 'mmsu_1/../../x' }, expected: ['Request ID', 'letters, digits'] },
	{ name: 'request id "..".', parameters: { operation: 'getResult', requestId: '..' }, expected: ['Request ID', 'letters, digits'] },
	{ name: 'request id with "?"', parameters: { operation: 'cancel', requestId: 'mmsu_1?admin=1' }, expected: ['Request ID'] },
	{ name: 'request id with "#"', parameters: { operation: 'getStatus', requestId: 'mmsu_1#x' }, expected: ['Request ID'] },
	{ name: 'request id with a space', parameters: { operation: 'getStatus', requestId: 'mmsu 1' }, expected: ['Request ID'] },
	{ name: 'request id in unicode', parameters: { operation: 'getStatus', requestId: 'mmsu_视频' }, expected: ['Request ID'] },
	{ name: 'request id with percent-encoding', parameters: { operation: 'getStatus', requestId: 'mmsu_%2e%2e' }, expected: ['Request ID'] },
	{ name: 'request id as a number', parameters: { operation: 'getStatus', requestId: 12345 }, expected: ['Request ID', 'is a number'] },
	{ name: 'request id of 201 characters', parameters: { operation: 'getStatus', requestId: 'a'.repeat(201) }, expected: ['Request ID', '200 characters'] },
	{ name: 'Base URL with ftp', parameters: submit({}), baseUrl: 'ftp://odirouter.ai/model', expected: ['Base URL', 'ftp:', 'https://'] },
	{ name: 'Base URL that is not a URL', parameters: { operation: 'getStatus', requestId: 'mmsu_1' }, baseUrl: 'odirouter', expected: ['Base URL', 'not a valid URL'] },
	{ name: 'Base URL with a file scheme', parameters: { operation: 'cancel', requestId: 'mmsu_1' }, baseUrl: 'file:///tmp/socket', expected: ['Base URL', 'file:'] },
	{ name: 'empty Base URL', parameters: { operation: 'getStatus', requestId: 'mmsu_1' }, baseUrl: '', expected: ['Base URL', 'is empty'] },
];

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator();
});

afterAll(async () => {
	await sim.close();
});

describe(`bad input is refused before any request (${cases.length} cases)`, () => {
	it('has at least 40 cases', () => {
		expect(cases.length).toBeGreaterThanOrEqual(40);
	});

	for (const badCase of cases) {
		it(badCase.name, async () => {
			const before = sim.log.length;
			const { items, error } = await runNode({
				parameters: badCase.parameters,
				items: badCase.items,
				credentials: { apiKey: sim.apiKey, baseUrl: badCase.baseUrl ?? sim.baseUrl },
			});
			expect(items).toEqual([]);
			expect(error).toBeInstanceOf(NodeOperationError);
			// The message alone: an agent's model (and n8n's error list) never sees the description.
			for (const expected of badCase.expected) expect(error?.message).toContain(expected);
			expect(error?.message).toContain('Allowed: ');
			if (badCase.baseUrl === undefined) expect(error?.message).toContain('[item 0]');
			expect(sim.log.length - before).toBe(0);
		});
	}

	it('names the right item when the second of three items is bad', async () => {
		const before = sim.log.length;
		const { error } = await runNode({
			parameters: { operation: 'submit', imageUrl: '={{ $json.url }}', options: { maxConcurrency: 1 } },
			items: [{ json: { url: `${sim.origin}/images/1280x720.png` } }, { json: { url: 'ftp://x/b.png' } }],
			credentials: { apiKey: sim.apiKey, baseUrl: sim.baseUrl },
		});
		expect(error?.message).toContain('[item 1]');
		// Item 0 was valid and sent; its request id must not be lost with the error of item 1.
		const submits = sim.log.slice(before).filter((entry) => entry.kind === 'submit');
		expect(submits).toHaveLength(1);
		const sent = submits[0].requestId as string;
		expect(error?.description).toContain(`item 0: ${sent}`);
	});
});
