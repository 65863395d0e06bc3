import { describe, expect, it } from 'vitest';

import { comeBackLater, simplifyResult, simplifyStatus, simplifySubmit } from '../../../nodes/OdiRouter/actions/video/simplify';
import { normaliseStatus } from '../../../nodes/OdiRouter/transport/status';
import type { NormalisedStatus, VideoResult } from '../../../nodes/OdiRouter/transport/types';

describe('the next step a simplified status gives', () => {
	it.each<[string, string | null]>([
		['IN_QUEUE', 'Call Get Result with request_id mmsu_1 in about 30 s'],
		['IN_PROGRESS', 'Call Get Result with request_id mmsu_1 in about 30 s'],
		['WEIRD', 'Call Get Result with request_id mmsu_1 in about 30 s'],
		['COMPLETED', 'Finished: call Get Result with request_id mmsu_1 for the video URL.'],
		['FAILED', 'The task failed: submit again with another image or prompt.'],
		['CANCELLED', null],
	])('%s → %j', (word, expected) => {
		const simplified = simplifyStatus(normaliseStatus('mmsu_1', { status: word, queue_position: 2 }));
		if (expected === null) expect(simplified.next_step).toBeNull();
		else expect(simplified.next_step).toContain(expected);
		expect(Object.keys(simplified)).toEqual(['request_id', 'status', 'done', 'queue_position', 'error', 'eta_seconds', 'next_step']);
	});
});

describe('simplified results and submits', () => {
	const result = (status: NormalisedStatus): VideoResult => ({
		request_id: 'mmsu_1',
		status,
		video_url: status === 'completed' ? 'https://cdn.example.com/a.mp4' : null,
		content_type: null,
		file_name: null,
		file_size: 10,
		duration: 6,
		width: 1366,
		height: 768,
		raw: { big: 'answer' },
	});

	it.each<[NormalisedStatus, boolean]>([
		['completed', false],
		['running', true],
		['queued', true],
	])('a %s result has a next step: %s, and never the raw answer', (status, hasNextStep) => {
		const simplified = simplifyResult(result(status));
		expect('next_step' in simplified).toBe(hasNextStep);
		expect(simplified).not.toHaveProperty('raw');
		expect(simplified).toMatchObject({ request_id: 'mmsu_1', duration: 6, width: 1366, height: 768, file_size: 10 });
	});

	it.each<[number | undefined, string]>([
		[undefined, 'Not ready yet; the task keeps running'],
		[60, 'Not ready after 60 s; the task keeps running'],
	])('come back later after %j s → %j', (waited, expected) => {
		expect(comeBackLater('mmsu_1', waited)).toContain(expected);
		expect(comeBackLater('mmsu_1', waited)).toContain('request_id mmsu_1');
	});

	it('a simplified submit is the request ID, queued, its position and how to follow it up', () => {
		const simplified = simplifySubmit({ request_id: 'mmsu_1', status_url: null, response_url: null, cancel_url: null, queue_position: 0 });
		expect(simplified).toMatchObject({ request_id: 'mmsu_1', status: 'queued', queue_position: 0 });
		expect(simplified.next_step).toContain('Get Result with request_id mmsu_1');
	});
});
