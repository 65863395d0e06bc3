import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import type { DurationObservation } from '../../nodes/OdiRouter/polling/durationEstimate';
import {
	MAX_STORED_KINDS,
	MAX_STORED_OBSERVATIONS,
	STORE_KEY,
	storeDuration,
	storedDurations,
} from '../../nodes/OdiRouter/polling/durationStore';
import { taskKindOf } from '../../nodes/OdiRouter/polling/taskKind';

const ME = 'me0001';
const OTHER = 'ot0002';
const KIND = 'kind a';

function storeOf(entries: Array<[string, DurationObservation, string?]>): IDataObject {
	const staticData: IDataObject = {};
	entries.forEach(([kind, observation, processId], n) => storeDuration(staticData, kind, observation, { processId: processId ?? OTHER, nowS: n }));
	return staticData;
}

describe('the workflow store of learned durations', () => {
	it.each<[string, DurationObservation, DurationObservation]>([
		['whole tenths stay as they are', { afterMs: 12_300, byMs: 14_500 }, { afterMs: 12_300, byMs: 14_500 }],
		['widened to whole tenths, never narrowed', { afterMs: 12_345, byMs: 14_501 }, { afterMs: 12_300, byMs: 14_600 }],
		['still running when the wait ended', { afterMs: 600_000, byMs: Infinity }, { afterMs: 600_000, byMs: Infinity }],
		['a negative age is 0', { afterMs: -50, byMs: 900 }, { afterMs: 0, byMs: 900 }],
	])('an observation read back by another process: %s', (_name, stored, readBack) => {
		expect(storedDurations(storeOf([[KIND, stored]]), KIND, ME).observations).toEqual([readBack]);
	});

	it('a process does not read back what it stored itself (it has it in memory), another process does', () => {
		const staticData = storeOf([
			[KIND, { afterMs: 1000, byMs: 2000 }, ME],
			[KIND, { afterMs: 3000, byMs: 4000 }, OTHER],
		]);
		expect(storedDurations(staticData, KIND, ME)).toEqual({ observations: [{ afterMs: 3000, byMs: 4000 }], total: 2 });
		expect(storedDurations(staticData, KIND, 'restarted').observations).toHaveLength(2);
		expect(storedDurations(staticData, 'kind b', ME)).toEqual({ observations: [], total: 0 });
	});

	it(`keeps the last ${MAX_STORED_OBSERVATIONS} observations per kind and counts every one`, () => {
		const many = Array.from({ length: 100 }, (_, n): [string, DurationObservation] => [KIND, { afterMs: n * 1000, byMs: n * 1000 + 500 }]);
		const { observations, total } = storedDurations(storeOf(many), KIND, ME);
		expect(total).toBe(100);
		expect(observations).toHaveLength(MAX_STORED_OBSERVATIONS);
		expect(observations[0].afterMs).toBe((100 - MAX_STORED_OBSERVATIONS) * 1000);
	});

	it(`keeps the ${MAX_STORED_KINDS} most recently updated kinds; full, it stays a few kB with no URL in it`, () => {
		const baseUrl = 'https://odirouter.ai/model';
		const kinds = Array.from({ length: 10 }, (_, n) => taskKindOf('minimax_hailuo_23_fast_i2v', { resolution: n % 2 ? '1080P' : '768P', prompt_optimizer: n % 3 === 0 }, `${baseUrl}/${n}`));
		const entries = kinds.flatMap((kind) => Array.from({ length: 40 }, (_, n): [string, DurationObservation] => [kind, { afterMs: 123_456 + n, byMs: n % 5 ? 234_567 + n : Infinity }]));
		const staticData = storeOf(entries);
		const kept = kinds.filter((kind) => storedDurations(staticData, kind, ME).total > 0);
		expect(kept).toEqual(kinds.slice(-MAX_STORED_KINDS));
		const text = JSON.stringify(staticData);
		expect(text.length).toBeLessThan(4096);
		expect(text).not.toContain('odirouter.ai');
		expect(text).not.toContain('http');
	});

	it.each<[string, unknown]>([
		['nothing', undefined],
		['another version', { v: 2, kinds: { [KIND]: { n: 1, at: 0, o: [[1, 2, OTHER]] } } }],
		['not an object', 'learned'],
		['odd entries', { v: 1, kinds: { [KIND]: { n: 'x', o: [[5, 1, OTHER], [-1, 2, OTHER], ['a', 2, OTHER], [1, 2], null, [10, 20, OTHER]] } } }],
	])('a store holding %s is read without failing, keeping only sound entries', (_name, saved) => {
		const shared = storedDurations({ [STORE_KEY]: saved } as IDataObject, KIND, ME);
		expect(shared.observations).toEqual(_name === 'odd entries' ? [{ afterMs: 1000, byMs: 2000 }] : []);
		const staticData = { [STORE_KEY]: saved } as IDataObject;
		storeDuration(staticData, KIND, { afterMs: 100, byMs: 200 }, { processId: OTHER });
		expect(storedDurations(staticData, KIND, ME).observations.at(-1)).toEqual({ afterMs: 100, byMs: 200 });
	});
});
