import type { DurationEstimate } from './durationEstimate';
import type { DurationShape } from './durationShape';
import { ageAtMass, massBefore, shapeOf } from './durationShape';

export interface PollSettings {
	/** The mean time from a task's end to the poll that sees it that the plan aims at. */
	targetDelayMs: number;
	/** The shortest gap between two status requests of one task (the Poll Interval option). */
	minIntervalMs: number;
}

/** When to ask about one task, by its age: at each planned age, then every so often past the last. */
export interface PollPlan {
	pollAtMs: number[];
	/** From this age on the task is overdue: the interval starts at twice the target and grows. */
	overdueFromMs: number;
}

export const MAX_INTERVAL_MS = 30_000;
/** Past the plan, each second of age adds this much to the interval (a hung task costs few requests). */
const OVERDUE_GROWTH = 0.1;
/** Without history the plan is a fixed interval of twice the target (mean delay = the target) this long. */
const COLD_PLAIN_MS = 180_000;
/**
 * A gap may be long where few tasks end, but no more than LATE_SHARE of the tasks may end more than
 * LATE_DELAY_TARGETS × the target before the poll that sees them: this bounds the p99 delay.
 */
const LATE_DELAY_TARGETS = 4;
const LATE_SHARE = 0.002;

function fixedIntervalMs(settings: PollSettings): number {
	return Math.max(settings.minIntervalMs, 2 * settings.targetDelayMs);
}

/** Without history: a plain fixed interval, the one whose mean delay is the target. */
export function coldPlan(): PollPlan {
	return { pollAtMs: [], overdueFromMs: COLD_PLAIN_MS };
}

/**
 * Poll ages for rate `scale × √hazard` (the rate that minimises requests for a given mean delay):
 * each next poll comes when the rate's integral since the last one reaches 1, within the gap limits.
 */
function pollsFor(shape: DurationShape, scale: number, minGapMs: number, lateDelayMs: number): number[] {
	const end = shape.startsMs.length === 0 ? 0 : shape.startsMs[shape.startsMs.length - 1] + shape.widthsMs[shape.widthsMs.length - 1];
	const polls: number[] = [];
	let last = 0;
	let bin = 0;
	while (last < end) {
		let at = last;
		let owed = 1;
		while (bin < shape.startsMs.length && shape.startsMs[bin] + shape.widthsMs[bin] <= at) bin++;
		let scan = bin;
		while (owed > 0 && scan < shape.startsMs.length) {
			const rate = scale * Math.sqrt(shape.hazard[scan]);
			const binEnd = shape.startsMs[scan] + shape.widthsMs[scan];
			const room = binEnd - at;
			if (rate * room >= owed) {
				at += owed / rate;
				owed = 0;
			} else {
				owed -= rate * room;
				at = binEnd;
				scan++;
			}
		}
		const latestFair = ageAtMass(shape, massBefore(shape, last) + LATE_SHARE) + lateDelayMs;
		const longest = Math.min(MAX_INTERVAL_MS, latestFair - last);
		const next = Math.max(last + minGapMs, Math.min(at, last + longest));
		polls.push(next);
		last = next;
	}
	return polls;
}

/** Expected delay from a task's end to the poll that sees it, for the estimated distribution. */
function expectedDelayMs(shape: DurationShape, polls: number[], overdueDelayMs: number): number {
	let total = shape.restMass * overdueDelayMs;
	let poll = 0;
	for (let bin = 0; bin < shape.startsMs.length; bin++) {
		let from = shape.startsMs[bin];
		const to = from + shape.widthsMs[bin];
		while (from < to) {
			while (poll < polls.length && polls[poll] <= from) poll++;
			if (poll >= polls.length) {
				total += shape.density[bin] * (to - from) * overdueDelayMs;
				break;
			}
			const next = polls[poll];
			const until = Math.min(to, next);
			total += (shape.density[bin] * ((next - from) ** 2 - (next - until) ** 2)) / 2;
			from = until;
		}
	}
	return total;
}

/**
 * The plan for a learned distribution: polls at a rate proportional to the square root of the
 * finishing hazard, scaled (by bisection) so that the expected mean delay is the target.
 */
export function learnedPlan(estimate: DurationEstimate, settings: PollSettings): PollPlan {
	const shape = shapeOf(estimate);
	if (shape.startsMs.length === 0) return coldPlan();
	const lateDelay = LATE_DELAY_TARGETS * settings.targetDelayMs;
	const overdueDelay = fixedIntervalMs(settings) / 2;
	let low = 1e-6;
	let high = 10;
	for (let step = 0; step < 30; step++) {
		const middle = Math.sqrt(low * high);
		const delay = expectedDelayMs(shape, pollsFor(shape, middle, settings.minIntervalMs, lateDelay), overdueDelay);
		if (delay > settings.targetDelayMs) low = middle;
		else high = middle;
	}
	const pollAtMs = pollsFor(shape, high, settings.minIntervalMs, lateDelay).map(Math.round);
	return { pollAtMs, overdueFromMs: pollAtMs[pollAtMs.length - 1] ?? 0 };
}

export interface PollMoment {
	/** Time since submit, or since the last poll that saw the task queued. */
	ageMs: number;
	queued: boolean;
	settings: PollSettings;
}

/** Delay before the next status request: the plan's next age, a plain interval while queued or overdue. */
export function nextPollDelayMs(plan: PollPlan, moment: PollMoment): number {
	const { ageMs, settings } = moment;
	const fixed = fixedIntervalMs(settings);
	let delay: number;
	if (moment.queued) {
		delay = fixed;
	} else if (ageMs < plan.overdueFromMs) {
		const planned = plan.pollAtMs.find((at) => at > ageMs);
		delay = planned === undefined ? fixed : planned - ageMs;
	} else {
		delay = Math.min(MAX_INTERVAL_MS, fixed + OVERDUE_GROWTH * (ageMs - plan.overdueFromMs));
	}
	return Math.round(Math.max(settings.minIntervalMs, delay));
}
