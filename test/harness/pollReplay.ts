import { nextPollDelayMs } from '../../nodes/OdiRouter/helpers/schedule';

export type Schedule = (ageMs: number) => number;

export interface Replay {
	meanDelayS: number;
	worstDelayS: number;
	requestsPerTask: number;
}

/** Replays a poll schedule in virtual time: a task ending at `d` is noticed at the first poll at or after `d`. */
export function replay(durationsMs: number[], schedule: Schedule): Replay {
	let requests = 0;
	let delaySum = 0;
	let worst = 0;
	for (const duration of durationsMs) {
		let t = 0;
		do {
			t += schedule(t);
			requests += 1;
		} while (t < duration);
		delaySum += t - duration;
		worst = Math.max(worst, t - duration);
	}
	return {
		meanDelayS: delaySum / durationsMs.length / 1000,
		worstDelayS: worst / 1000,
		requestsPerTask: requests / durationsMs.length,
	};
}

export const ours: Schedule = (age) => nextPollDelayMs({ activeForMs: age, status: 'running', minIntervalMs: 1000 });
export const fixed = (intervalMs: number): Schedule => () => intervalMs;

/** The fixed interval whose mean delay equals `target`, by bisection. */
export function equalDelayInterval(durationsMs: number[], targetS: number): number {
	let low = 100;
	let high = 30_000;
	for (let step = 0; step < 40; step++) {
		const middle = (low + high) / 2;
		if (replay(durationsMs, fixed(middle)).meanDelayS < targetS) low = middle;
		else high = middle;
	}
	return (low + high) / 2;
}

export function evenSpread(count: number, fromMs: number, toMs: number): number[] {
	return Array.from({ length: count }, (_, n) => fromMs + ((toMs - fromMs) * (n + 0.5)) / count);
}

