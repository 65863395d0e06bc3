import { describe, expect, it } from 'vitest';

import type { LinkAnswer } from '../../nodes/OdiRouter/transport/imageProbe';
import { linkVerdict } from '../../nodes/OdiRouter/parameters/imageLink';
import { LINK_PROBE_BYTES, totalBytesOf } from '../../nodes/OdiRouter/transport/imageProbe';
import { jpeg, png } from '../../harness/images';

const MB = 1048576;
const answer = (statusCode: number, head: Buffer, extra: Partial<LinkAnswer> = {}): LinkAnswer => ({ statusCode, totalBytes: null, head, complete: true, ...extra });
/** A JPEG whose frame header lies past the bytes read: an APP segment of 64 kB before it, cut at 1 kB. */
const jpegHeaderBeyondRead = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff]), Buffer.alloc(1024)]);

describe('the verdict on an image link, from what its host answered', () => {
	it.each<[string, LinkAnswer, string]>([
		['206 with a 1280×720 PNG', answer(206, png(1280, 720), { totalBytes: 734_003, complete: false }), 'passed'],
		['200 with a whole 1280×720 JPEG', answer(200, jpeg(1280, 720)), 'passed'],
		['206 with a 200×200 PNG', answer(206, png(200, 200)), 'refused: is 200×200 px'],
		['200 with a GIF', answer(200, Buffer.from('GIF89a\x01\x00\x01\x00')), 'refused: is a GIF image'],
		['200 with an HTML page', answer(200, Buffer.from('<html>login</html>')), 'refused: is not a JPG, PNG or WebP image'],
		['200 with nothing', answer(200, Buffer.alloc(0)), 'refused: is not a JPG, PNG or WebP image'],
		['206 of a 25 MB file (Content-Range)', answer(206, png(1280, 720), { totalBytes: 25 * MB, complete: false }), 'refused: is 25.0 MB'],
		['200 with Content-Length 20 MB', answer(200, png(1280, 720), { totalBytes: 20 * MB, complete: false }), 'refused: is 20.0 MB'],
		['a whole PNG cut inside its header', answer(200, png(1280, 720).subarray(0, 20)), 'refused: size cannot be read'],
		['a JPEG whose frame header lies past the bytes read', answer(206, jpegHeaderBeyondRead, { totalBytes: 3 * MB, complete: false }), `not checked: its pixel size is not in its first ${LINK_PROBE_BYTES / 1024} kB`],
		['404', answer(404, Buffer.alloc(0)), 'refused: is not there: its host answered 404'],
		['410', answer(410, Buffer.alloc(0)), 'refused: is not there: its host answered 410'],
		['401', answer(401, Buffer.alloc(0)), 'not checked: the host answered 401'],
		['403', answer(403, Buffer.alloc(0)), 'not checked: the host answered 403'],
		['416 (an empty file, or a host that dislikes Range)', answer(416, Buffer.alloc(0)), 'not checked: the host answered 416'],
		['429', answer(429, Buffer.alloc(0)), 'not checked: the host answered 429'],
		['500', answer(500, Buffer.alloc(0)), 'not checked: the host answered 500'],
		['a redirect n8n did not follow', answer(302, Buffer.alloc(0)), 'not checked: the host answered 302'],
	])('%s → %s', (_name, linkAnswer, expected) => {
		const verdict = linkVerdict(linkAnswer);
		const [kind, words] = expected.split(/: (.*)/s);
		expect(verdict.verdict).toBe(kind);
		if (verdict.verdict === 'refused') expect(verdict.problem).toContain(words);
		if (verdict.verdict === 'not checked') expect(verdict.reason).toBe(words);
	});

	it('says what is allowed, and that the check can be turned off, when the file is not an image', () => {
		const verdict = linkVerdict(answer(200, Buffer.from('<html></html>')));
		expect(verdict).toMatchObject({ verdict: 'refused', allowed: expect.stringContaining('Check Image Link option') });
	});
});

describe('the whole file size from the headers', () => {
	it.each<[number, unknown, unknown, number | null]>([
		[206, 'bytes 0-262143/734003', '262144', 734_003],
		[206, 'bytes 0-999/1000', '1000', 1000],
		[206, 'bytes 0-262143/*', '262144', null],
		[206, undefined, '262144', null],
		[200, undefined, '734003', 734_003],
		[200, undefined, 734_003, 734_003],
		[200, undefined, undefined, null],
		[200, undefined, 'lots', null],
	])('%i, Content-Range %j, Content-Length %j → %j', (statusCode, contentRange, contentLength, expected) => {
		expect(totalBytesOf(statusCode, contentRange, contentLength)).toBe(expected);
	});
});
