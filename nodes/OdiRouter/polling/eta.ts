import type { DurationEstimate } from './durationEstimate';

/** Below this share of the learned tasks still unfinished at the task's age, nothing is known about it. */
const KNOWN_SHARE = 1e-3;

/**
 * Expected whole seconds until a task of this age finishes: the mean remaining time of the learned
 * tasks that were still running at that age (each bin's tasks spread evenly across the bin; tasks
 * longer than the learned range are left out), rounded up, at least 1. Null when nothing was learned,
 * or when the task is older than (nearly) every learned one.
 */
export function etaSeconds(estimate: DurationEstimate | null, ageMs: number): number | null {
	if (!estimate) return null;
	const age = Math.max(0, ageMs);
	let remaining = 0;
	let weighted = 0;
	estimate.mass.forEach((mass, bin) => {
		const start = estimate.edgesMs[bin];
		const end = estimate.edgesMs[bin + 1];
		if (mass <= 0 || end <= age) return;
		const from = Math.max(start, age);
		const share = mass * ((end - from) / (end - start));
		remaining += share;
		weighted += share * ((from + end) / 2 - age);
	});
	if (remaining < KNOWN_SHARE) return null;
	return Math.max(1, Math.ceil(weighted / remaining / 1000));
}
