/**
 * What one wait tells about a task's duration: a poll only sees that the task ended after the last
 * poll that found it unfinished (`afterMs`) and at or before the poll that found it final (`byMs`).
 * `byMs` is Infinity when the wait ended (timeout, stop) with the task still running.
 */
export interface DurationObservation {
	afterMs: number;
	byMs: number;
}

/** A duration distribution as probabilities per bin of a fixed grid, plus the mass past the grid. */
export interface DurationEstimate {
	/** Bin `j` covers ages `edgesMs[j]` to `edgesMs[j + 1]`. */
	edgesMs: readonly number[];
	mass: number[];
	/** Probability of lasting longer than the grid's last edge. */
	tailMass: number;
}

/** 0.25 s bins up to 25 s, then 1% of the age wide, up to 30 minutes: about 530 bins. */
function buildGrid(): number[] {
	const edges = [0];
	for (let at = 0; at < 1_800_000; ) {
		at += Math.max(250, Math.round(at * 0.01));
		edges.push(at);
	}
	return edges;
}

export const GRID_EDGES_MS: readonly number[] = buildGrid();

const MAX_ITERATIONS = 300;
const CONVERGED = 1e-6;

/** Index of the bin holding `ms` (the last bin for ages past the grid). */
function binOf(ms: number): number {
	let low = 0;
	let high = GRID_EDGES_MS.length - 2;
	while (low < high) {
		const middle = (low + high + 1) >> 1;
		if (GRID_EDGES_MS[middle] <= ms) low = middle;
		else high = middle - 1;
	}
	return low;
}

interface Overlap {
	bins: number[];
	/** Share of each bin's width inside the observation (1 for the tail). */
	shares: number[];
}

/** Which bins an observation's interval covers; index `mass.length` stands for the tail. */
function overlapOf(observation: DurationObservation): Overlap {
	const tail = GRID_EDGES_MS.length - 1;
	const gridEnd = GRID_EDGES_MS[tail];
	const from = Math.max(0, observation.afterMs);
	const to = Math.max(from + 1, observation.byMs);
	const bins: number[] = [];
	const shares: number[] = [];
	if (from < gridEnd) {
		for (let bin = binOf(from); bin < tail && GRID_EDGES_MS[bin] < to; bin++) {
			const start = GRID_EDGES_MS[bin];
			const end = GRID_EDGES_MS[bin + 1];
			const inside = Math.min(end, to) - Math.max(start, from);
			if (inside > 0) {
				bins.push(bin);
				shares.push(inside / (end - start));
			}
		}
	}
	if (to > gridEnd) {
		bins.push(tail);
		shares.push(1);
	}
	return { bins, shares };
}

/** Observations with the same interval, counted once: they weigh the same in every EM step. */
function groupedOverlaps(observations: readonly DurationObservation[]): Array<Overlap & { count: number }> {
	const groups = new Map<string, Overlap & { count: number }>();
	for (const observation of observations) {
		const key = `${observation.afterMs} ${observation.byMs}`;
		const group = groups.get(key);
		if (group) {
			group.count += 1;
			continue;
		}
		const overlap = overlapOf(observation);
		if (overlap.bins.length > 0) groups.set(key, { ...overlap, count: 1 });
	}
	return [...groups.values()];
}

/**
 * Half-width of the triangular kernel that smooths the estimate, as a share of the age (at least
 * one bin, at most three): past 25 s the grid's bins are 1% of the age wide, so three bins there. A
 * kernel of three 0.25 s bins at a few seconds' age blurred the edge of the fast tasks over the next
 * poll (measured: on 10% fast failures among slow tasks the plan kept an extra poll at 10 s).
 */
const SMOOTHING_SHARE = 0.03;
const MOST_SMOOTHING_BINS = 3;

const SMOOTHING_HALF_WIDTHS: readonly number[] = GRID_EDGES_MS.slice(0, -1).map((start, bin) => {
	const width = GRID_EDGES_MS[bin + 1] - start;
	return Math.max(1, Math.min(MOST_SMOOTHING_BINS, Math.round((SMOOTHING_SHARE * (start + width / 2)) / width)));
});

/** `values` averaged over the smoothing kernel around `bin`. */
function kernelMean(bin: number, bins: number, values: Float64Array): number {
	const half = SMOOTHING_HALF_WIDTHS[bin];
	let weights = 0;
	let sum = 0;
	for (let at = Math.max(0, bin - half); at <= Math.min(bins - 1, bin + half); at++) {
		const weight = half + 1 - Math.abs(at - bin);
		weights += weight;
		sum += weight * values[at];
	}
	return sum / weights;
}

/**
 * Before each EM step the density is smoothed on a power below 1 (the kernel averages its roots):
 * where no poll resolves a gap (tasks seen ending somewhere between polls at 5 s and 42 s), the data
 * do not say where in it they ended, and a plain average (diffusion) spreads them evenly across it,
 * as if tasks ended mid-gap, a belief no later poll corrects. Averaging roots keeps such mass near
 * the side where tasks are known to end. The EM step after it restores what each observation says
 * of its interval; without any smoothing the answer piles onto narrow spikes where intervals overlap.
 * Measured (warm, 4,096 tasks of memory): with a plain average after each step, 10% fast failures
 * among 40-80 s tasks kept a poll at 7-8 s for them (efficiency 0.861), with this 0.886; the
 * long-tailed file 0.886 and 0.884. A power of 0.25 put that mix's mean delay 12% under the
 * target, 0.5 lost the gain.
 */
const SMOOTHING_POWER = 0.35;

function smoothRoots(mass: Float64Array, bins: number): void {
	const roots = new Float64Array(bins);
	for (let bin = 0; bin < bins; bin++) roots[bin] = (mass[bin] / (GRID_EDGES_MS[bin + 1] - GRID_EDGES_MS[bin])) ** SMOOTHING_POWER;
	for (let bin = 0; bin < bins; bin++) mass[bin] = kernelMean(bin, bins, roots) ** (1 / SMOOTHING_POWER) * (GRID_EDGES_MS[bin + 1] - GRID_EDGES_MS[bin]);
}

/**
 * The nonparametric maximum-likelihood distribution for interval-censored durations (Turnbull's
 * self-consistency EM) on a fixed grid, each bin's mass spread evenly across the bin. It does not
 * assume tasks ended at the poll that saw them, which would bias every duration upwards.
 */
export function estimateDurations(observations: readonly DurationObservation[], start?: DurationEstimate): DurationEstimate {
	const size = GRID_EDGES_MS.length;
	const groups = groupedOverlaps(observations);
	let mass = new Float64Array(size);
	const count = groups.reduce((sum, group) => sum + group.count, 0);
	if (count === 0) return { edgesMs: GRID_EDGES_MS, mass: Array.from(mass.subarray(0, size - 1)), tailMass: 0 };
	// Each observation's weight spread over its interval, mixed with the previous estimate (which
	// saves most iterations when a few observations were added).
	for (const { bins, shares, count: times } of groups) {
		const total = shares.reduce((sum, share) => sum + share, 0);
		bins.forEach((bin, n) => (mass[bin] += (times * shares[n]) / total / count));
	}
	if (start) {
		start.mass.forEach((m, bin) => (mass[bin] = (mass[bin] + m) / 2));
		mass[size - 1] = (mass[size - 1] + start.tailMass) / 2;
	}
	for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
		const next = new Float64Array(size);
		smoothRoots(mass, size - 1);
		for (const { bins, shares, count: times } of groups) {
			let likelihood = 0;
			bins.forEach((bin, n) => (likelihood += mass[bin] * shares[n]));
			if (likelihood <= 0) continue;
			const weight = times / likelihood / count;
			bins.forEach((bin, n) => (next[bin] += mass[bin] * shares[n] * weight));
		}
		let change = 0;
		for (let bin = 0; bin < size; bin++) change = Math.max(change, Math.abs(next[bin] - mass[bin]));
		mass = next;
		if (change < CONVERGED) break;
	}
	return { edgesMs: GRID_EDGES_MS, mass: Array.from(mass.subarray(0, size - 1)), tailMass: mass[size - 1] };
}

/**
 * The broad prior's weight is PRIOR_SCALE / samples², at most MOST_PRIOR: a fifth at 10 tasks, under
 * 1% at 50, and at a few hundred too little to buy a poll where no task was seen ending.
 */
const PRIOR_SCALE = 20;
const MOST_PRIOR = 0.5;
/**
 * The prior: as likely to end in any doubling of age from PRIOR_FROM_MS to PRIOR_REACH times the
 * latest age with any mass (at least PRIOR_TO_MS); past it, what is left is the tail.
 */
const PRIOR_FROM_MS = 500;
const PRIOR_REACH = 4;
const PRIOR_TO_MS = 120_000;

/** The kernel's width relative to the age, for one task; it narrows as 1/√tasks. */
const RELATIVE_WIDTH = 0.4;
/** Below this age the kernel is as wide as here (in ms), not narrower. */
const NARROWEST_AGE_MS = 10_000;

/**
 * Each bin's mass spread by a normal kernel whose width is proportional to the age (the grid's bins
 * are 1% of the age wide past 25 s, so it spans a steady number of bins) and shrinks as 1/√samples.
 * The kernel fills the stretches between the ages seen, not past the shortest and the longest: out
 * there the prior speaks (a smeared edge would plan a run of polls past the last task's end).
 */
function smoothedByKernel(estimate: DurationEstimate, samples: number): number[] {
	const edges = estimate.edgesMs;
	const bins = estimate.mass.length;
	const relative = RELATIVE_WIDTH / Math.sqrt(samples);
	const mass = new Array<number>(bins).fill(0);
	const lowest = estimate.mass.findIndex((m) => m > 0);
	let highest = bins - 1;
	while (highest > 0 && estimate.mass[highest] <= 0) highest--;
	let first = Math.max(lowest, 0);
	for (let bin = first; bin <= highest; bin++) {
		if (estimate.mass[bin] <= 0) continue;
		const centre = (edges[bin] + edges[bin + 1]) / 2;
		const sigma = relative * Math.max(centre, NARROWEST_AGE_MS);
		while (first < highest && edges[first + 1] < centre - 3 * sigma) first++;
		while (first > lowest && edges[first] > centre - 3 * sigma) first--;
		const weights: number[] = [];
		let total = 0;
		for (let to = first; to <= highest && edges[to] <= centre + 3 * sigma; to++) {
			const middle = (edges[to] + edges[to + 1]) / 2;
			const weight = Math.exp(-(((middle - centre) / sigma) ** 2) / 2) * (edges[to + 1] - edges[to]);
			weights.push(weight);
			total += weight;
		}
		weights.forEach((weight, n) => (mass[first + n] += (estimate.mass[bin] * weight) / total));
	}
	return mass;
}

/**
 * The estimate as a plan should trust it after `samples` tasks: smoothed by a kernel that narrows as
 * samples grow, and mixed with a broad prior (log-uniform ages) whose weight falls as they grow, so
 * a stretch where none of a few tasks ended is not taken as one where none can end.
 */
export function widenedEstimate(estimate: DurationEstimate, samples: number): DurationEstimate {
	const edges = estimate.edgesMs;
	const bins = estimate.mass.length;
	const known = Math.max(samples, 1);
	const mass = smoothedByKernel(estimate, known);
	const prior = Math.min(MOST_PRIOR, PRIOR_SCALE / known ** 2);
	let lastWithMass = bins - 1;
	while (lastWithMass > 0 && mass[lastWithMass] <= 0) lastWithMass--;
	const reach = Math.min(edges[bins], Math.max(PRIOR_TO_MS, PRIOR_REACH * edges[lastWithMass + 1]));
	const span = Math.log(reach / PRIOR_FROM_MS);
	for (let bin = 0; bin < bins; bin++) {
		const from = Math.max(edges[bin], PRIOR_FROM_MS);
		const to = Math.min(edges[bin + 1], reach);
		const share = to > from ? Math.log(to / from) / span : 0;
		mass[bin] = (1 - prior) * mass[bin] + prior * share;
	}
	return { edgesMs: edges, mass, tailMass: (1 - prior) * estimate.tailMass };
}
