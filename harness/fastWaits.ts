import { systemClock } from '../nodes/OdiRouter/polling/waitForTask';

/**
 * Runs Submit and Wait's waiting clock `factor` times faster than real time: its sleeps are that much
 * shorter and its `now` moves that much faster, so the polling plan, Max Wait and what is learned
 * keep their proportions. A simulator task must then last `factor` times less real time too.
 */
export function speedUpWaits(factor: number): { restore(): void } {
	const original = { ...systemClock };
	const startedAt = original.now();
	systemClock.now = () => startedAt + (original.now() - startedAt) * factor;
	systemClock.sleep = async (ms, signal) => await original.sleep(ms / factor, signal);
	return { restore: () => Object.assign(systemClock, original) };
}
