import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { redact, requestIdOf, upstreamMessage } from '../../nodes/OdiRouter/transport/errors';
import { parseBody } from '../../nodes/OdiRouter/transport/request';

describe('reading an answer body', () => {
	it.each<[string, unknown, IDataObject | null]>([
		['an object', { status: 'IN_QUEUE' }, { status: 'IN_QUEUE' }],
		['JSON text', '{"status":"IN_QUEUE"}', { status: 'IN_QUEUE' }],
		['JSON bytes', Buffer.from('{"a":1}'), { a: 1 }],
		['an HTML error page', '<html><body>Bad Gateway</body></html>', null],
		['malformed JSON', '{"status":', null],
		['empty text', '', null],
		['whitespace', '  \n', null],
		['a JSON array', '[1,2]', null],
		['a JSON string', '"ok"', null],
		['JSON null', 'null', null],
		['an array', [1, 2], null],
		['nothing', undefined, null],
	])('%s → %j', (_name, body, expected) => {
		expect(parseBody(body)).toEqual(expected);
	});
});

describe("the upstream's own words for an error", () => {
	it.each<[string, IDataObject, string | null]>([
		['error object with code and message', { error: { code: 'INVALID_IMAGE', message: 'too small' } }, 'INVALID_IMAGE: too small'],
		['error object with a message only', { error: { message: 'too small' } }, 'too small'],
		['error text', { error: 'Inference failed' }, 'Inference failed'],
		['detail text', { detail: 'Request not found' }, 'Request not found'],
		['FastAPI validation list', { detail: [{ loc: ['body', 'prompt'], msg: 'too long' }, { msg: 'bad' }] }, 'body.prompt: too long; bad'],
		['detail list of plain values', { detail: ['one', 2] }, 'one; 2'],
		['message', { message: 'Unauthorized' }, 'Unauthorized'],
		['error before detail', { error: 'first', detail: 'second' }, 'first'],
		['empty error object falls through to detail', { error: {}, detail: 'second' }, 'second'],
		['empty texts', { error: '', detail: '', message: '' }, null],
		['empty detail list', { detail: [] }, null],
		['nothing', {}, null],
	])('%s → %j', (_name, body, expected) => {
		expect(upstreamMessage(body)).toBe(expected);
	});
});

describe('keeping the key out of texts', () => {
	it.each<[string, string, string]>([
		['Bad token sk-live-1234 for this route', 'sk-live-1234', 'Bad token [redacted] for this route'],
		['sk-1234 and sk-1234 again', 'sk-1234', '[redacted] and [redacted] again'],
		['nothing secret here', 'sk-live-1234', 'nothing secret here'],
		['a 3-character key is too short to search for: abc', 'abc', 'a 3-character key is too short to search for: abc'],
	])('%j without %j → %j', (text, secret, expected) => {
		expect(redact(text, secret)).toBe(expected);
	});
});

describe('the request ID an error carries', () => {
	it.each<[string, unknown, string | null]>([
		['on the context', { context: { request_id: 'mmsu_1' } }, 'mmsu_1'],
		['not text', { context: { request_id: 7 } }, null],
		['no context', new Error('x'), null],
		['null', null, null],
	])('%s → %j', (_name, error, expected) => {
		expect(requestIdOf(error)).toBe(expected);
	});
});
