import type { IExecuteFunctions } from 'n8n-workflow';
import { beforeEach, describe, expect, it, vi } from 'vitest';

type HandOff = typeof import('../../nodes/OdiRouter/transport/binaryStoreInput');
let handOff: HandOff;

beforeEach(async () => {
	// The module remembers n8n's binary data mode for the life of the process: a fresh copy per test.
	vi.resetModules();
	handOff = await import('../../nodes/OdiRouter/transport/binaryStoreInput');
});

async function* chunks(...parts: string[]): AsyncIterable<Buffer> {
	for (const part of parts) yield Buffer.from(part);
}

/** A context whose n8n stores binary data with IDs like `<mode>:<file>`; counts the stores. */
function n8nIn(mode: string) {
	const prepareBinaryData = vi.fn(async () => ({ id: `${mode}:probe`, data: mode, mimeType: 'application/octet-stream' }));
	return { ctx: { helpers: { prepareBinaryData } } as unknown as IExecuteFunctions, prepareBinaryData };
}

describe('readWhole', () => {
	it('puts the body into one buffer of the announced size', async () => {
		expect((await handOff.readWhole(chunks('ab', 'cd'), 4)).toString()).toBe('abcd');
	});

	// An encoded body (gzip, br, deflate) is announced at its encoded size, and n8n's request helper
	// decodes it and drops Content-Encoding: the announced size is a hint, every byte sent is kept.
	it.each([
		['more bytes than announced (a decoded gzip body)', ['abc', 'de', 'fgh'], 4, 'abcdefgh'],
		['more bytes in the first chunk', ['abcdef'], 2, 'abcdef'],
		['fewer bytes than announced (an encoded size above the decoded one)', ['ab'], 4, 'ab'],
		['nothing at all', [], 4, ''],
	])('keeps every byte when the host sends %s', async (_name, parts, announced, expected) => {
		expect((await handOff.readWhole(chunks(...parts), announced)).toString()).toBe(expected);
	});
});

describe('bodyForBinaryStore', () => {
	it('hands n8n one buffer when it stores binary data in its database, asking n8n once per process', async () => {
		const { ctx, prepareBinaryData } = n8nIn('database');
		expect(await handOff.bodyForBinaryStore(ctx, chunks('abcd'), '4')).toEqual(Buffer.from('abcd'));
		expect(await handOff.bodyForBinaryStore(ctx, chunks('xy'), '2')).toEqual(Buffer.from('xy'));
		expect(prepareBinaryData).toHaveBeenCalledTimes(1);
	});

	it('hands n8n the stream in filesystem mode, and whenever the size is unknown', async () => {
		const filesystem = n8nIn('filesystem-v2');
		const body = chunks('abcd');
		expect(await handOff.bodyForBinaryStore(filesystem.ctx, body, '4')).toBe(body);
		const database = n8nIn('database');
		const unsized = chunks('abcd');
		expect(await handOff.bodyForBinaryStore(database.ctx, unsized, undefined)).toBe(unsized);
		expect(database.prepareBinaryData).not.toHaveBeenCalled();
	});
});
