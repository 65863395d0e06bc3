/**
 * The oracles: the poll plan with the fewest requests per task for a given mean notice delay, polls
 * on a 100 ms grid at least `minGapMs` apart, for plans that know in advance either the measured
 * tasks' very durations (clairvoyant: no plan can do better on them) or the distribution they are
 * drawn from. Written apart from the node's planner, so the benchmark does not grade the planner
 * against itself.
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
	/** The plan's poll ages, in ms. */
	pollAtMs: number[];
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
	const pollPoints = [choice[0]];
	while (pollPoints[pollPoints.length - 1] < points) pollPoints.push(choice[pollPoints[pollPoints.length - 1]]);
	return { requestsPerTask: requests[0], meanDelayMs: delay[0], pollAtMs: pollPoints.map((point) => point * STEP_MS) };
}

interface Judged {
	requestsPerTask: number;
	meanDelayMs: number;
}

/**
 * The plan with the fewest requests at a mean delay of `meanDelayMs`, found by bisection on the price
 * of delay: `judge` gives a price's plan's figures. Choosing one plan or the other at random is a plan
 * too, so the answer lies on the line between the two nearest plans.
 */
function fewestRequestsAt(meanDelayMs: number, judge: (price: number) => Judged): number {
	let cheap = judge(1e-9);
	let quick = judge(100);
	if (cheap.meanDelayMs <= meanDelayMs) return cheap.requestsPerTask;
	if (quick.meanDelayMs >= meanDelayMs) return quick.requestsPerTask;
	let low = Math.log(1e-9);
	let high = Math.log(100);
	for (let step = 0; step < 40; step++) {
		const middle = (low + high) / 2;
		const plan = judge(Math.exp(middle));
		if (plan.meanDelayMs > meanDelayMs) {
			low = middle;
			cheap = plan;
		} else {
			high = middle;
			quick = plan;
		}
	}
	const share = (cheap.meanDelayMs - meanDelayMs) / Math.max(cheap.meanDelayMs - quick.meanDelayMs, 1e-9);
	return cheap.requestsPerTask + share * (quick.requestsPerTask - cheap.requestsPerTask);
}

/** The clairvoyant oracle's requests per task at a mean delay of `meanDelayMs`: it knows these very durations. */
export function oracleRequestsPerTask(durationsMs: readonly number[], meanDelayMs: number, minGapMs: number): number {
	const sample = sampleOf(durationsMs);
	const minGapPoints = Math.max(1, Math.ceil(minGapMs / STEP_MS));
	return fewestRequestsAt(meanDelayMs, (price) => bestPlan(sample, price, minGapPoints));
}

/** Requests and mean delay of polls at `pollAtMs` (then every `minGapMs`) on these tasks. */
function judgePlan(pollAtMs: readonly number[], sortedMs: readonly number[], minGapMs: number): Judged {
	let requests = 0;
	let delay = 0;
	let poll = 0;
	for (const duration of sortedMs) {
		while (poll < pollAtMs.length && pollAtMs[poll] < duration) poll++;
		if (poll < pollAtMs.length) {
			requests += poll + 1;
			delay += pollAtMs[poll] - duration;
		} else {
			const last = pollAtMs[pollAtMs.length - 1] ?? 0;
			const more = Math.max(1, Math.ceil((duration - last) / minGapMs));
			requests += pollAtMs.length + more;
			delay += last + more * minGapMs - duration;
		}
	}
	return { requestsPerTask: requests / sortedMs.length, meanDelayMs: delay / sortedMs.length };
}

/**
 * The distribution oracle's requests per task on these tasks at a mean delay of `meanDelayMs`: the
 * best plan for the distribution they are drawn from (made on `distributionMs`, a large sample drawn
 * apart from them), known in advance. It knows what any plan could learn, but not when each measured
 * task ends, which the clairvoyant oracle uses (most where tasks are few, in a long tail).
 */
export function distributionOracleRequestsPerTask(
	distributionMs: readonly number[],
	durationsMs: readonly number[],
	meanDelayMs: number,
	minGapMs: number,
): number {
	const sample = sampleOf(distributionMs);
	const sorted = [...durationsMs].sort((a, b) => a - b);
	const minGapPoints = Math.max(1, Math.ceil(minGapMs / STEP_MS));
	return fewestRequestsAt(meanDelayMs, (price) => judgePlan(bestPlan(sample, price, minGapPoints).pollAtMs, sorted, minGapMs));
}
