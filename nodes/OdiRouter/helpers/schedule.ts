import type { NormalisedStatus } from './types';

/** How long a clip usually takes once it runs (Hailuo 2.3 Fast: 20 to 90 s). */
export interface TaskTiming {
	typicalMinMs: number;
	typicalMaxMs: number;
}

export const HAILUO_FAST_TIMING: TaskTiming = { typicalMinMs: 20_000, typicalMaxMs: 90_000 };

/** Early polls catch fast failures (input rejected, content blocked) within a few seconds. */
const EARLY_POLLS_MS = [3_000, 7_000, 12_000, 17_000];
/** Interval = SPREAD_FACTOR * sqrt(time left to the typical maximum), see below. */
const SPREAD_FACTOR = 0.5;
const QUEUED_INTERVAL_MS = 5_000;
const OVERDUE_BASE_MS = 2_000;
const OVERDUE_GROWTH = 0.1;
export const MAX_INTERVAL_MS = 30_000;

export interface PollMoment {
	/** Time since the task was submitted or was first seen running, whichever is later. */
	activeForMs: number;
	status: NormalisedStatus;
	minIntervalMs: number;
	retryAfterMs?: number | null;
}

/**
 * Delay before the next status request. Finish times spread over the typical window, so the chance
 * that the task ends in the next second grows as the window's end nears (hazard 1/(end - t)). Polling
 * at a rate proportional to the square root of that hazard minimises requests for a given mean delay,
 * hence an interval proportional to sqrt(end - t): sparse early, dense near the likely end. Past the
 * window the interval grows slowly with the task's age, up to a cap.
 */
export function nextPollDelayMs(moment: PollMoment, timing: TaskTiming = HAILUO_FAST_TIMING): number {
	const age = Math.max(0, moment.activeForMs);
	let interval: number;
	if (moment.status === 'queued') {
		interval = QUEUED_INTERVAL_MS;
	} else {
		const early = EARLY_POLLS_MS.find((at) => at > age + 1);
		if (early !== undefined && early <= timing.typicalMinMs) {
			interval = early - age;
		} else if (age < timing.typicalMaxMs) {
			interval = SPREAD_FACTOR * Math.sqrt((timing.typicalMaxMs - age) * 1000);
		} else {
			interval = OVERDUE_BASE_MS + OVERDUE_GROWTH * (age - timing.typicalMaxMs);
		}
	}
	const bounded = Math.min(MAX_INTERVAL_MS, Math.max(moment.minIntervalMs, interval));
	return Math.round(Math.max(bounded, moment.retryAfterMs ?? 0));
}
