import { describe, expect, it } from 'vitest';

import type { DurationEstimate } from '../../nodes/OdiRouter/polling/durationEstimate';
import { GRID_EDGES_MS } from '../../nodes/OdiRouter/polling/durationEstimate';
import { etaSeconds } from '../../nodes/OdiRouter/polling/eta';

/** An estimate with `mass` in the grid bins that hold these ages (ms), the rest past the grid. */
function estimateWith(bins: Array<[atMs: number, mass: number]>, tailMass = 0): DurationEstimate {
	const mass = new Array<number>(GRID_EDGES_MS.length - 1).fill(0);
	for (const [atMs, share] of bins) mass[GRID_EDGES_MS.findIndex((edge, bin) => edge <= atMs && atMs < GRID_EDGES_MS[bin + 1])] += share;
	return { edgesMs: GRID_EDGES_MS, mass, tailMass };
}

const at30s = estimateWith([[30_000, 1]]); // every task ends in the bin 29.904-30.203 s
const halfAt10halfAt50 = estimateWith([[10_000, 0.5], [50_000, 0.5]]); // bins 10-10.25 s and 49.672-50.169 s

describe('eta_seconds: expected seconds until the task finishes', () => {
	it.each<[string, DurationEstimate | null, number, number | null]>([
		['nothing learned', null, 0, null],
		['all tasks take 30 s, just submitted', at30s, 0, 31],
		['all tasks take 30 s, 20 s old', at30s, 20_000, 11],
		['all tasks take 30 s, inside the bin where they end', at30s, 30_100, 1],
		['older than every learned task', at30s, 60_000, null],
		['two groups (10 s, 50 s), just submitted: the mean', halfAt10halfAt50, 0, 31],
		['two groups, past the first: only the second counts', halfAt10halfAt50, 20_000, 30],
		['a negative age (a clock that stepped back) counts as 0', at30s, -5_000, 31],
		['tasks past the learned range are left out, not counted as endless', estimateWith([[30_000, 0.5]], 0.5), 0, 31],
		['only tasks past the learned range: nothing known', estimateWith([], 1), 0, null],
	])('%s', (_name, estimate, ageMs, expected) => {
		expect(etaSeconds(estimate, ageMs)).toBe(expected);
	});
});
