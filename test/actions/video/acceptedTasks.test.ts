import { describe, expect, it } from 'vitest';

import type { AcceptedTask } from '../../../nodes/OdiRouter/actions/video/acceptedTasks';
import { AcceptedTasks } from '../../../nodes/OdiRouter/actions/video/acceptedTasks';

const task = (id: string): AcceptedTask => ({
	submitted: { request_id: id, status_url: null, response_url: null, cancel_url: null, queue_position: 0 },
	imageCheck: 'passed',
});

function memory(capacity = 3, ttlMs = 1000) {
	const clock = { now: 0 };
	return { clock, tasks: new AcceptedTasks(() => clock.now, capacity, ttlMs) };
}

describe('AcceptedTasks', () => {
	it.each([
		{ name: 'finds what it remembered', steps: (m: AcceptedTasks) => m.remember('k', task('a')), key: 'k', found: 'a' },
		{ name: 'finds nothing under another key', steps: (m: AcceptedTasks) => m.remember('k', task('a')), key: 'other', found: null },
		{ name: 'finds nothing once forgotten', steps: (m: AcceptedTasks) => (m.remember('k', task('a')), m.forget('k')), key: 'k', found: null },
		{ name: 'a second remember replaces the first', steps: (m: AcceptedTasks) => (m.remember('k', task('a')), m.remember('k', task('b'))), key: 'k', found: 'b' },
	])('$name', ({ steps, key, found }) => {
		const { tasks } = memory();
		steps(tasks);
		expect(tasks.find(key)?.submitted.request_id ?? null).toBe(found);
	});

	it('drops the least recently used entry beyond its capacity', () => {
		const { tasks } = memory(3);
		for (const key of ['a', 'b', 'c']) tasks.remember(key, task(key));
		tasks.find('a');
		tasks.remember('d', task('d'));
		expect(tasks.size).toBe(3);
		expect(['a', 'b', 'c', 'd'].map((key) => tasks.find(key)?.submitted.request_id ?? null)).toEqual(['a', null, 'c', 'd']);
	});

	it('expires an entry after its time to live, on the monotonic clock it was given', () => {
		const { clock, tasks } = memory(3, 1000);
		tasks.remember('k', task('a'));
		clock.now = 999;
		expect(tasks.find('k')?.submitted.request_id).toBe('a');
		clock.now = 1000;
		expect(tasks.find('k')).toBeNull();
		expect(tasks.size).toBe(0);
	});
});
