import { it } from 'vitest';

import { nextPollDelayMs } from '../nodes/OdiRouter/helpers/schedule';
import { record } from './probe.mjs';

type Schedule = (ageMs: number) => number;

interface Replay {
	meanDelayS: number;
	worstDelayS: number;
	requestsPerTask: number;
}

/** Replays a poll schedule in virtual time: a task ending at `d` is noticed at the first poll at or after `d`. */
function replay(durationsMs: number[], schedule: Schedule): Replay {
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

const ours: Schedule = (age) => nextPollDelayMs({ activeForMs: age, status: 'running', minIntervalMs: 1000 });
const fixed = (intervalMs: number): Schedule => () => intervalMs;

/** The fixed interval whose mean delay equals `target`, by bisection. */
function equalDelayInterval(durationsMs: number[], targetS: number): number {
	let low = 100;
	let high = 30_000;
	for (let step = 0; step < 40; step++) {
		const middle = (low + high) / 2;
		if (replay(durationsMs, fixed(middle)).meanDelayS < targetS) low = middle;
		else high = middle;
	}
	return (low + high) / 2;
}

function evenSpread(count: number, fromMs: number, toMs: number): number[] {
	return Array.from({ length: count }, (_, n) => fromMs + ((toMs - fromMs) * (n + 0.5)) / count);
}

function recordReplay(prefix: string, result: Replay) {
	record(`${prefix}.meanDelayS`, result.meanDelayS);
	record(`${prefix}.worstDelayS`, result.worstDelayS);
	record(`${prefix}.requestsPerTask`, result.requestsPerTask);
}

it('replays the poll schedules in virtual time', () => {
	const spread = evenSpread(5000, 20_000, 90_000);
	record('schedule.tasks', spread.length);
	record('schedule.meanTaskS', spread.reduce((sum, d) => sum + d, 0) / spread.length / 1000);
	const ourSpread = replay(spread, ours);
	recordReplay('schedule.ours', ourSpread);
	recordReplay('schedule.fixed15s', replay(spread, fixed(15_000)));
	recordReplay('schedule.fixed05s', replay(spread, fixed(500)));
	const interval = equalDelayInterval(spread, ourSpread.meanDelayS);
	record('schedule.equalDelayFixed.intervalS', interval / 1000);
	record('schedule.equalDelayFixed.requestsPerTask', replay(spread, fixed(interval)).requestsPerTask);

	const fiveSeconds = evenSpread(1000, 4_500, 5_500);
	recordReplay('schedule.fiveSecond.ours', replay(fiveSeconds, ours));
	recordReplay('schedule.fiveSecond.fixed15s', replay(fiveSeconds, fixed(15_000)));
	recordReplay('schedule.fiveSecond.fixed05s', replay(fiveSeconds, fixed(500)));

	const fastFailures = evenSpread(1000, 1_500, 2_500);
	recordReplay('schedule.fastFailure.ours', replay(fastFailures, ours));
	recordReplay('schedule.fastFailure.fixed15s', replay(fastFailures, fixed(15_000)));
	recordReplay('schedule.fastFailure.fixed05s', replay(fastFailures, fixed(500)));
});
