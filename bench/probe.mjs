// @ts-check
// Process-level measuring for the benchmark files (.ts files may not touch `process` or `fs` under
// n8n's node lint): RSS sampling and handing figures back to bench/run.mjs.
import { appendFileSync } from 'node:fs';

/** Samples this process's RSS every few milliseconds until stopped; returns the peak growth in MB. */
export function startRssSampling() {
	const baseline = process.memoryUsage().rss;
	let peak = baseline;
	const timer = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().rss);
	}, 5);
	return {
		stop() {
			clearInterval(timer);
			peak = Math.max(peak, process.memoryUsage().rss);
			return (peak - baseline) / 1048576;
		},
	};
}

/** Forces a garbage collection when node runs with --expose-gc, so baselines are comparable. */
export function collectGarbage() {
	const gc = /** @type {any} */ (globalThis).gc;
	if (typeof gc === 'function') gc();
}

/** Records one figure (a dotted key) for bench/run.mjs to print. */
export function record(key, value) {
	const file = process.env.BENCH_OUT;
	if (file) appendFileSync(file, `${JSON.stringify({ key, value })}\n`);
}
