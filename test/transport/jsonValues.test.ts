import { describe, expect, it } from 'vitest';

import { numberOrNull, textOrNull } from '../../nodes/OdiRouter/transport/jsonValues';

describe('upstream values', () => {
	it.each<[unknown, string | null]>([
		['video/mp4', 'video/mp4'],
		['', null],
		[null, null],
		[undefined, null],
		[42, '42'],
		[false, 'false'],
		[{ message: 'Bad image' }, 'Bad image'],
		[{ msg: 'Bad prompt' }, 'Bad prompt'],
		[{ code: 'E1' }, '{"code":"E1"}'],
		[['a', 'b'], '["a","b"]'],
	])('text of %j → %j', (value, expected) => {
		expect(textOrNull(value)).toBe(expected);
	});

	it.each<[unknown, number | null]>([
		[6, 6],
		[0, 0],
		['1843200', 1_843_200],
		[' 10 ', 10],
		['', null],
		['   ', null],
		['six', null],
		[Number.NaN, null],
		[Number.POSITIVE_INFINITY, null],
		[null, null],
		[true, null],
	])('number of %j → %j', (value, expected) => {
		expect(numberOrNull(value)).toBe(expected);
	});
});
