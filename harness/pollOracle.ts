/**
 * The oracle: the poll plan with the fewest requests per task for a given mean notice delay, for
 * plans that know the tasks' durations in advance (the measured tasks themselves, so no plan can do
 * better on them), polls on a 100 ms grid at least `minGapMs` apart. Written apart from the node's
 * planner, so the benchmark does not grade the planner against itself.
 */
const STEP_MS = 100;

interface Sample {
	/** Share of the tasks that ended at or before grid point i. */
	ended: Float64Array;
	/** Sum of those tasks' durations (ms), divided by the task count. */
	endedSum: Float64Array;
	points: number;
}

function sampleOf(durationsMs: readonly number[]): Sample {
	const sorted = [...durationsMs].sort((a, b) => a - b);
	const points = Math.ceil(sorted[sorted.length - 1] / STEP_MS) + 1;
	const ended = new Float64Array(points + 1);
	const endedSum = new Float64Array(points + 1);
	let task = 0;
	let count = 0;
	let sum = 0;
	for (let i = 0; i <= points; i++) {
		while (task < sorted.length && sorted[task] <= i * STEP_MS) {
			count += 1;
			sum += sorted[task];
			task += 1;
		}
		ended[i] = count / sorted.length;
		endedSum[i] = sum / sorted.length;
	}
	return { ended, endedSum, points };
}

interface OraclePlan {
	requestsPerTask: number;
	meanDelayMs: number;
}

/**
 * Minimises requests + price × delay by dynamic programming over the last poll's grid point. The
 * cost of a gap satisfies the quadrangle inequality, so the best next poll never moves earlier when
 * the last poll moves later: each point scans only up to its successor's choice.
 */
function bestPlan(sample: Sample, price: number, minGapPoints: number): OraclePlan {
	const { ended, endedSum, points } = sample;
	const cost = new Float64Array(points + 1);
	const requests = new Float64Array(points + 1);
	const delay = new Float64Array(points + 1);
	const choice = new Int32Array(points + 1).fill(points);
	for (let s = points - 1; s >= 0; s--) {
		const alive = 1 - ended[s];
		if (alive <= 0) continue;
		const from = Math.min(points, s + minGapPoints);
		const to = Math.max(from, s + 1 < points ? choice[s + 1] : points);
		let best = Infinity;
		for (let t = from; t <= to; t++) {
			const gapDelay = t * STEP_MS * (ended[t] - ended[s]) - (endedSum[t] - endedSum[s]);
			const total = alive + price * gapDelay + cost[t];
			if (total <= best) {
				best = total;
				choice[s] = t;
				requests[s] = alive + requests[t];
				delay[s] = gapDelay + delay[t];
			}
		}
		cost[s] = best;
	}
	return { requestsPerTask: requests[0], meanDelayMs: delay[0] };
}

/** The oracle's requests per task at a mean delay of `meanDelayMs` (mixing the two nearest plans). */
export function oracleRequestsPerTask(durationsMs: readonly number[], meanDelayMs: number, minGapMs: number): number {
	const sample = sampleOf(durationsMs);
	const minGapPoints = Math.max(1, Math.ceil(minGapMs / STEP_MS));
	let cheap = bestPlan(sample, 1e-9, minGapPoints);
	let quick = bestPlan(sample, 100, minGapPoints);
	if (cheap.meanDelayMs <= meanDelayMs) return cheap.requestsPerTask;
	if (quick.meanDelayMs >= meanDelayMs) return quick.requestsPerTask;
	let low = Math.log(1e-9);
	let high = Math.log(100);
	for (let step = 0; step < 40; step++) {
		const middle = (low + high) / 2;
		const plan = bestPlan(sample, Math.exp(middle), minGapPoints);
		if (plan.meanDelayMs > meanDelayMs) {
			low = middle;
			cheap = plan;
		} else {
			high = middle;
			quick = plan;
		}
	}
	// Choosing one plan or the other at random is a plan too: its figures lie on the line between.
	const share = (cheap.meanDelayMs - meanDelayMs) / Math.max(cheap.meanDelayMs - quick.meanDelayMs, 1e-9);
	return cheap.requestsPerTask + share * (quick.requestsPerTask - cheap.requestsPerTask);
}
