import { it } from 'vitest';

import type { Replay } from '../test/harness/pollReplay';
import { equalDelayInterval, evenSpread, fixed, ours, replay } from '../test/harness/pollReplay';
import { record } from './probe.mjs';

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
