import { describe, expect, it } from 'vitest';

import { base64DecodedLength, readDataUrl } from '../../nodes/OdiRouter/parameters/dataUrl';

describe('a data URL taken apart', () => {
	it.each<[string, string, { declaredType: string; payload: string } | string | null]>([
		['plain', 'data:image/png;base64,iVBORw0K', { declaredType: 'image/png', payload: 'iVBORw0K' }],
		['line breaks in the payload (pasted or mailed)', 'data:image/png;base64,iVBO\r\nRw0K\n', { declaredType: 'image/png', payload: 'iVBORw0K' }],
		['spaces and tabs in the payload', 'data:image/png;base64,iVBO Rw0K\tAA==', { declaredType: 'image/png', payload: 'iVBORw0KAA==' }],
		['a name parameter', 'data:image/png;name=a.png;base64,iVBORw0K', { declaredType: 'image/png', payload: 'iVBORw0K' }],
		['several parameters', 'data:image/jpeg;charset=binary;name=b.jpg;base64,/9j/', { declaredType: 'image/jpeg', payload: '/9j/' }],
		['upper case', 'DATA:IMAGE/PNG;BASE64,iVBORw0K', { declaredType: 'image/png', payload: 'iVBORw0K' }],
		['percent-encoded Base64', 'data:image/png;base64,iV%2BORw%3D%3D', { declaredType: 'image/png', payload: 'iV+ORw==' }],
		['URL-safe Base64', 'data:image/png;base64,ab-_', { declaredType: 'image/png', payload: 'ab+/' }],
		['no type', 'data:;base64,iVBORw0K', { declaredType: 'text/plain', payload: 'iVBORw0K' }],
		['another type', 'data:application/octet-stream;base64,iVBORw0K', { declaredType: 'application/octet-stream', payload: 'iVBORw0K' }],
		['no comma', 'data:image/png;base64', 'without the ","'],
		['not Base64 (SVG text)', 'data:image/svg+xml,<svg/>', '";base64," is missing'],
		['base64 only as a parameter value', 'data:image/png;base64=no,iVBORw0K', '";base64," is missing'],
		['characters outside Base64', 'data:image/png;base64,@@@@', 'Base64 is not valid'],
		['padding in the middle', 'data:image/png;base64,iV==BORw', 'Base64 is not valid'],
		['one character too many', 'data:image/png;base64,iVBOR', 'Base64 is not valid'],
		['broken percent-encoding', 'data:image/png;base64,iVBO%E0%A4%A', 'Base64 is not valid'],
		['an https URL', 'https://example.com/a.png', null],
		['text', 'cat.png', null],
	])('%s', (_name, text, expected) => {
		const reading = readDataUrl(text);
		if (expected === null) expect(reading).toBeNull();
		else if (typeof expected === 'string') expect(reading).toEqual({ ok: false, problem: expect.stringContaining(expected) });
		else expect(reading).toEqual({ ok: true, parts: expected });
	});
});

describe('decoded size from the Base64 length', () => {
	it.each<[string, number]>([
		['', 0],
		['AA==', 1],
		['AAA=', 2],
		['AAAA', 3],
		['AAAAAA', 4],
		[Buffer.alloc(1000).toString('base64'), 1000],
	])('%s → %i bytes', (payload, expected) => {
		expect(base64DecodedLength(payload)).toBe(expected);
	});
});
