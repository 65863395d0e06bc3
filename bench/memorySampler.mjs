// @ts-check
// Peak RSS growth of another process (an n8n worker), sampled from /proc every few milliseconds
// (n8n's node lint keeps `fs` out of .ts files).
import { readFileSync } from 'node:fs';

/** @param {number} pid */
function rssBytes(pid) {
	const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return match ? Number(match[1]) * 1024 : 0;
}

/** Samples `pid`'s RSS until stopped; `stop()` returns the peak growth over the first sample, in MB. @param {number} pid */
export function startProcessRssSampling(pid) {
	const baseline = rssBytes(pid);
	let peak = baseline;
	const timer = setInterval(() => {
		try {
			peak = Math.max(peak, rssBytes(pid));
		} catch {
			// the process ended
		}
	}, 5);
	return {
		stop() {
			clearInterval(timer);
			return (peak - baseline) / 1048576;
		},
	};
}
