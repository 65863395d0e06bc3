import { describe, expect, it } from 'vitest';

import { baseUrlProblem, modelIdProblem, queueUrl, requestIdProblem, taskUrl } from '../../nodes/OdiRouter/transport/urls';

describe('Base URL check', () => {
	it.each<[unknown, string | null]>([
		['https://odirouter.ai/model', null],
		['http://127.0.0.1:8080/model', null],
		['  https://odirouter.ai/model/  ', null],
		['', 'is empty'],
		['   ', 'is empty'],
		[undefined, 'is empty'],
		[42, 'is empty'],
		['odirouter.ai/model', 'is not a valid URL'],
		['ftp://odirouter.ai/model', 'uses "ftp:": only https:// or http:// is allowed'],
		['javascript:alert(1)', 'uses "javascript:": only https:// or http:// is allowed'],
		['https://user:secret@odirouter.ai/model', 'must not contain a user name or password'],
		['https://odirouter.ai/model?key=1', 'must not contain a query (?) or fragment (#)'],
		['https://odirouter.ai/model#top', 'must not contain a query (?) or fragment (#)'],
	])('%j → %j', (value, expected) => {
		expect(baseUrlProblem(value)).toBe(expected);
	});
});

describe('request ID check (it goes into a URL path)', () => {
	const onlySafe = 'may contain only letters, digits, "_" and "-"';
	it.each<[unknown, string | null]>([
		['mmsu_0001a1b2c3d4', null],
		['A-1_b', null],
		[' mmsu_1 ', null],
		['x'.repeat(200), null],
		['x'.repeat(201), onlySafe],
		['', 'is empty'],
		['  ', 'is empty'],
		['../status', onlySafe],
		['mmsu_1/cancel', onlySafe],
		['mmsu 1', onlySafe],
		['mmsu_1?x=1', onlySafe],
		['_leading', onlySafe],
		['%2e%2e', onlySafe],
		[42, 'is a number, not text'],
		[null, 'is a object, not text'],
	])('%j → %j', (value, expected) => {
		const problem = requestIdProblem(value);
		if (expected === null) expect(problem).toBeNull();
		else expect(problem).toContain(expected);
	});
});

describe('model ID check', () => {
	const onlySafe = 'may contain only letters, digits, "_", "." and "-"';
	it.each<[unknown, string | null]>([
		['minimax_hailuo_23_fast_i2v', null],
		['vendor.model-2', null],
		['', 'is empty'],
		[undefined, 'is empty'],
		['a/b', onlySafe],
		['.hidden', onlySafe],
		['x'.repeat(101), onlySafe],
	])('%j → %j', (value, expected) => {
		const problem = modelIdProblem(value);
		if (expected === null) expect(problem).toBeNull();
		else expect(problem).toContain(expected);
	});
});

describe('API URLs', () => {
	it.each<[string, string, string]>([
		['https://odirouter.ai/model', 'minimax_hailuo_23_fast_i2v', 'https://odirouter.ai/model/v1/queue/minimax_hailuo_23_fast_i2v'],
		['https://odirouter.ai/model///', 'm', 'https://odirouter.ai/model/v1/queue/m'],
		[' http://127.0.0.1:9000 ', ' m ', 'http://127.0.0.1:9000/v1/queue/m'],
	])('queue of %j and %j → %s', (baseUrl, model, expected) => {
		expect(queueUrl(baseUrl, model)).toBe(expected);
	});

	it.each<['status' | 'response' | 'cancel', string]>([
		['status', 'https://odirouter.ai/model/v1/queue/m/requests/mmsu_1/status'],
		['response', 'https://odirouter.ai/model/v1/queue/m/requests/mmsu_1/response'],
		['cancel', 'https://odirouter.ai/model/v1/queue/m/requests/mmsu_1/cancel'],
	])('task %s → %s', (action, expected) => {
		expect(taskUrl('https://odirouter.ai/model/', 'm', ' mmsu_1 ', action)).toBe(expected);
	});
});
