import type { DurationShape } from './durationShape';
import { ageAtMass } from './durationShape';

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
/**
 * Without history the plan is a plain fixed interval of twice the target (mean delay = the target)
 * for this long: a growing interval would be worse than a fixed one at the same mean delay on any
 * task that ends while it grows, and no task of this model is known to take half an hour.
 */
const COLD_PLAIN_MS = 1_800_000;
/**
 * A task seen more than LATE_DELAY_TARGETS × the target after its end counts as LATE_WEIGHT times
 * that much more delay: long gaps where few tasks end stay cheap, but not so long that the p99 delay
 * runs away.
 */
const LATE_DELAY_TARGETS = 4;
const LATE_WEIGHT = 5;
/**
 * A gap is at most MAX_INTERVAL_MS unless no more than CAP_SHARE of the tasks end more than that
 * before its poll: longer only over ages where (nearly) no task ends, as before the first. In the
 * last TAIL_SHARE of the tasks, where the estimate rests on a few of them, the cap always holds.
 */
const CAP_SHARE = 0.001;
const TAIL_SHARE = 0.05;
/**
 * A plan judged on the estimate it was made for looks better than it is (it fits the estimate's
 * noise), more the fewer tasks it rests on: it aims AIM_BELOW/√samples below the target, at most
 * MOST_AIM_BELOW below (measured: without it the warm mean delay ran 2-15% over the target).
 */
const AIM_BELOW = 0.75;
const MOST_AIM_BELOW = 0.2;
/** A bin of the estimate is split into at most this many plan points, each at least PLAN_STEP_MS. */
const MAX_POINTS_PER_BIN = 3;
const PLAN_STEP_MS = 250;

function fixedIntervalMs(settings: PollSettings): number {
	return Math.max(settings.minIntervalMs, 2 * settings.targetDelayMs);
}

/** Without history: a plain fixed interval, the one whose mean delay is the target. */
export function coldPlan(): PollPlan {
	return { pollAtMs: [], overdueFromMs: COLD_PLAIN_MS };
}

/** The ages a poll may be planned at, with the share of tasks ended by each and their summed ages. */
interface PlanGrid {
	atMs: number[];
	ended: number[];
	/** ∫ age dF up to each point: what the delay of a gap is worked out from. */
	endedAge: number[];
	/** First point at least the Poll Interval after each point. */
	soonest: number[];
	/** Last point a poll after each point may wait for (the gap cap, CAP_SHARE). */
	latest: number[];
	/** For each point, the first point more than the late delay after it. */
	lateFrom: number[];
	/** The extra delay a late task counts as. */
	lateCostMs: number;
}

function gridOf(shape: DurationShape, settings: PollSettings): PlanGrid {
	const atMs: number[] = [];
	const ended: number[] = [];
	const endedAge: number[] = [];
	let age = 0;
	for (let bin = 0; bin < shape.startsMs.length; bin++) {
		const start = shape.startsMs[bin];
		const width = shape.widthsMs[bin];
		const parts = Math.min(MAX_POINTS_PER_BIN, Math.max(1, Math.round(width / PLAN_STEP_MS)));
		for (let part = 0; part < parts; part++) {
			const at = start + (width * part) / parts;
			atMs.push(at);
			ended.push(shape.before[bin] + shape.density[bin] * (at - start));
			endedAge.push(age + (shape.density[bin] * (at * at - start * start)) / 2);
		}
		age += (shape.density[bin] * ((start + width) ** 2 - start * start)) / 2;
	}
	const last = shape.startsMs.length - 1;
	atMs.push(shape.startsMs[last] + shape.widthsMs[last]);
	ended.push(shape.before[last] + shape.density[last] * shape.widthsMs[last]);
	endedAge.push(age);

	const lateDelayMs = LATE_DELAY_TARGETS * settings.targetDelayMs;
	const end = atMs.length - 1;
	const soonest: number[] = [];
	const latest: number[] = [];
	const lateFrom: number[] = [];
	let next = 0;
	let bound = 0;
	let late = 0;
	for (let point = 0; point <= end; point++) {
		while (next < end && atMs[next] < atMs[point] + settings.minIntervalMs) next++;
		soonest.push(Math.max(next, Math.min(point + 1, end)));
		const limitMs = (ended[point] < 1 - TAIL_SHARE ? ageAtMass(shape, ended[point] + CAP_SHARE) : atMs[point]) + MAX_INTERVAL_MS;
		bound = Math.max(bound, soonest[point]);
		while (bound < end && atMs[bound + 1] <= limitMs) bound++;
		while (bound > soonest[point] && atMs[bound] > limitMs) bound--;
		latest.push(bound);
		while (late < end && atMs[late] <= atMs[point] + lateDelayMs) late++;
		lateFrom.push(late);
	}
	return { atMs, ended, endedAge, soonest, latest, lateFrom, lateCostMs: LATE_WEIGHT * lateDelayMs };
}

interface GridPlan {
	points: number[];
}

/**
 * The plan with the least `requests + price × delay` for the estimated distribution: dynamic
 * programming over the last poll's point. The cost of a gap satisfies the quadrangle inequality, so
 * the best next poll never moves earlier when the last poll moves later: each point scans only up to
 * its successor's choice.
 */
function cheapestPlan(grid: PlanGrid, price: number): GridPlan {
	const { atMs, ended, endedAge, soonest, latest, lateFrom, lateCostMs } = grid;
	const end = atMs.length - 1;
	const cost = new Float64Array(end + 1);
	const choice = new Int32Array(end + 1).fill(end);
	for (let from = end - 1; from >= 0; from--) {
		const alive = 1 - ended[from];
		if (alive <= 1e-12) continue;
		const to = Math.max(soonest[from], Math.min(latest[from], choice[from + 1]));
		let best = Infinity;
		let lateAt = from;
		for (let at = soonest[from]; at <= to; at++) {
			const gapDelay = atMs[at] * (ended[at] - ended[from]) - (endedAge[at] - endedAge[from]);
			// The tasks late at `at` ended between `from` and the last point whose late delay `at` passes.
			while (lateAt <= at && lateFrom[lateAt] <= at) lateAt++;
			const lateShare = lateAt > from ? ended[lateAt - 1] - ended[from] : 0;
			const total = alive + price * (gapDelay + lateShare * lateCostMs) + cost[at];
			if (total <= best) {
				best = total;
				choice[from] = at;
			}
		}
		cost[from] = best;
	}
	const points = [choice[0]];
	while (points[points.length - 1] < end) points.push(choice[points[points.length - 1]]);
	return { points };
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
 * The plan for a learned distribution (the estimate already widened for the `samples` it rests on):
 * the fewest expected requests whose expected mean delay is the target, the price of delay found by
 * bisection.
 */
export function learnedPlan(shape: DurationShape, settings: PollSettings, samples: number): PollPlan {
	if (shape.startsMs.length === 0) return coldPlan();
	const grid = gridOf(shape, settings);
	const overdueDelayMs = fixedIntervalMs(settings) / 2;
	const planDelayMs = (plan: GridPlan) => expectedDelayMs(shape, plan.points.map((point) => grid.atMs[point]), overdueDelayMs);
	const aimMs = settings.targetDelayMs * (1 - Math.min(MOST_AIM_BELOW, AIM_BELOW / Math.sqrt(Math.max(samples, 1))));
	// The price of a ms of delay in requests: about the task's length ÷ (2 × target²), so from 1e-8
	// (seconds-long targets, short tasks) to 100 (a 0.5 s target on half-hour tasks).
	let low = Math.log(1e-8);
	let high = Math.log(100);
	let plan = cheapestPlan(grid, Math.exp(high));
	for (let step = 0; step < 22; step++) {
		const middle = (low + high) / 2;
		const candidate = cheapestPlan(grid, Math.exp(middle));
		if (planDelayMs(candidate) > aimMs) {
			low = middle;
		} else {
			high = middle;
			plan = candidate;
		}
	}
	const pollAtMs = plan.points.map((point) => Math.round(grid.atMs[point]));
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
	// Without a planned age to aim at (queued, overdue, no plan) a task is asked at least every 30 s
	// (or every Poll Interval, if longer); only a learned plan leaves longer gaps, where tasks do not end.
	const fixed = Math.min(fixedIntervalMs(settings), Math.max(MAX_INTERVAL_MS, settings.minIntervalMs));
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
