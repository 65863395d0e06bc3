import type { Clock } from '../nodes/OdiRouter/clock';
import type { DurationObservation } from '../nodes/OdiRouter/polling/durationEstimate';
import { forgetDurations } from '../nodes/OdiRouter/polling/durationMemory';
import type { PollSettings } from '../nodes/OdiRouter/polling/schedule';
import { waitForTask } from '../nodes/OdiRouter/polling/waitForTask';
import type { TaskStatus } from '../nodes/OdiRouter/transport/types';
import { distributionOracleRequestsPerTask, oracleRequestsPerTask } from './pollOracle';

/** The node's defaults: Target Notice Delay 2 s, Poll Interval (the floor) 1 s. */
export const DEFAULT_SETTINGS: PollSettings = { targetDelayMs: 2000, minIntervalMs: 1000 };

/** Time that passes only when a wait sleeps: a replay of hours takes milliseconds. */
export function virtualClock(startMs = 0): Clock & { sleeps: number[] } {
	let now = startMs;
	const sleeps: number[] = [];
	return {
		sleeps,
		now: () => now,
		sleep: async (ms, signal) => {
			signal?.throwIfAborted();
			sleeps.push(ms);
			now += ms;
		},
	};
}

export function statusOf(done: boolean, status: TaskStatus['status'] = done ? 'completed' : 'running'): TaskStatus {
	return { request_id: 'replay', status, done, queue_position: null, error: null, error_type: null, raw: {} };
}

export interface TaskReplay {
	delayMs: number;
	requests: number;
}

/** One task through the node's real waiting loop, in virtual time, with zero request latency. */
export async function replayTask(durationMs: number, settings: PollSettings = DEFAULT_SETTINGS, taskKind = 'replay'): Promise<TaskReplay> {
	const clock = virtualClock();
	let requests = 0;
	const outcome = await waitForTask({
		...settings,
		taskKind,
		maxWaitMs: Infinity,
		signal: new AbortController().signal,
		clock,
		fetchStatus: async () => {
			requests += 1;
			return statusOf(clock.now() >= durationMs);
		},
	});
	if (!outcome.finished) throw new Error(`a ${durationMs} ms task was not seen finishing`);
	return { delayMs: clock.now() - durationMs, requests };
}

/** The figures the benchmark reports for one set of tasks. */
export interface ScheduleFigures {
	meanDelayS: number;
	p99DelayS: number;
	maxDelayS: number;
	requestsPerTask: number;
	/** Requests per task of the fixed interval whose mean delay equals ours. */
	fixedRequestsPerTask: number;
	/** fixedRequestsPerTask ÷ requestsPerTask: above 1, ours needs fewer requests. */
	ratio: number;
	/** Requests per task of the best plan that knows these durations in advance, at our mean delay. */
	oracleRequestsPerTask: number;
	/** oracleRequestsPerTask ÷ requestsPerTask: 1 is the best any plan can do. */
	efficiency: number;
	/** Requests per task of the best plan that knows the distribution in advance, at our mean delay (null without one). */
	distributionOracleRequestsPerTask: number | null;
	/** distributionOracleRequestsPerTask ÷ requestsPerTask: 1 is the best a plan that learned the distribution perfectly can do. */
	distributionEfficiency: number | null;
}

/** A fixed interval `intervalMs`: polls at 1, 2, 3 … intervals; the first at or after the end sees it. */
export function fixedReplay(durationsMs: readonly number[], intervalMs: number): { meanDelayS: number; requestsPerTask: number } {
	let delay = 0;
	let requests = 0;
	for (const duration of durationsMs) {
		const polls = Math.max(1, Math.ceil(duration / intervalMs));
		requests += polls;
		delay += polls * intervalMs - duration;
	}
	return { meanDelayS: delay / durationsMs.length / 1000, requestsPerTask: requests / durationsMs.length };
}

/** The fixed interval whose mean delay equals `meanDelayS` on these tasks, by bisection. */
export function equalDelayInterval(durationsMs: readonly number[], meanDelayS: number): number {
	let low = 10;
	let high = 600_000;
	for (let step = 0; step < 60; step++) {
		const middle = (low + high) / 2;
		if (fixedReplay(durationsMs, middle).meanDelayS < meanDelayS) low = middle;
		else high = middle;
	}
	return (low + high) / 2;
}

/** The figures of these replays; `distributionMs`, a large sample drawn apart from them, gives the distribution oracle. */
export function figuresOf(
	durationsMs: readonly number[],
	replays: readonly TaskReplay[],
	settings = DEFAULT_SETTINGS,
	distributionMs?: readonly number[],
): ScheduleFigures {
	const delays = replays.map((r) => r.delayMs).sort((a, b) => a - b);
	const meanDelayS = delays.reduce((sum, d) => sum + d, 0) / delays.length / 1000;
	const requestsPerTask = replays.reduce((sum, r) => sum + r.requests, 0) / replays.length;
	const fixedRequestsPerTask = fixedReplay(durationsMs, equalDelayInterval(durationsMs, meanDelayS)).requestsPerTask;
	const oracle = oracleRequestsPerTask(durationsMs, meanDelayS * 1000, settings.minIntervalMs);
	const distributionOracle = distributionMs
		? distributionOracleRequestsPerTask(distributionMs, durationsMs, meanDelayS * 1000, settings.minIntervalMs)
		: null;
	return {
		meanDelayS,
		p99DelayS: delays[Math.min(delays.length - 1, Math.ceil(delays.length * 0.99) - 1)] / 1000,
		maxDelayS: delays[delays.length - 1] / 1000,
		requestsPerTask,
		fixedRequestsPerTask,
		ratio: fixedRequestsPerTask / requestsPerTask,
		oracleRequestsPerTask: oracle,
		efficiency: oracle / requestsPerTask,
		distributionOracleRequestsPerTask: distributionOracle,
		distributionEfficiency: distributionOracle === null ? null : distributionOracle / requestsPerTask,
	};
}

/** Task durations in ms, drawn one at a time. */
export type DurationSource = () => number;

/** Tasks replayed one after another, with their durations. */
export interface Runs {
	durationsMs: number[];
	replays: TaskReplay[];
}

/** Replays `count` tasks one after another into `runs`, in this process's current memory. */
async function replayMore(runs: Runs, next: DurationSource, count: number, settings: PollSettings): Promise<void> {
	for (let n = 0; n < count; n++) {
		const duration = next();
		runs.durationsMs.push(duration);
		runs.replays.push(await replayTask(duration, settings));
	}
}

/** Warm: a fresh process learns from `history` tasks, then `tasks` more are measured (it keeps learning). */
export async function warmRuns(next: DurationSource, tasks: number, history: number, settings = DEFAULT_SETTINGS): Promise<Runs> {
	forgetDurations();
	await replayMore({ durationsMs: [], replays: [] }, next, history, settings);
	const runs: Runs = { durationsMs: [], replays: [] };
	await replayMore(runs, next, tasks, settings);
	forgetDurations();
	return runs;
}

/** Cold: the first `tasksPerStart` tasks (one after another) of `starts` fresh processes, pooled. */
export async function coldRuns(next: DurationSource, starts: number, tasksPerStart: number, settings = DEFAULT_SETTINGS): Promise<Runs> {
	return await earlyRuns(next, starts, 0, tasksPerStart, settings);
}

/**
 * Early: fresh processes that learn from `history` tasks, then `tasksPerStart` more are measured
 * (learning on); pooled over `starts` processes.
 */
export async function earlyRuns(next: DurationSource, starts: number, history: number, tasksPerStart: number, settings = DEFAULT_SETTINGS): Promise<Runs> {
	const runs: Runs = { durationsMs: [], replays: [] };
	for (let start = 0; start < starts; start++) {
		forgetDurations();
		await replayMore({ durationsMs: [], replays: [] }, next, history, settings);
		await replayMore(runs, next, tasksPerStart, settings);
	}
	forgetDurations();
	return runs;
}

export const figuresOfRuns = (runs: Runs, distributionMs?: readonly number[]): ScheduleFigures =>
	figuresOf(runs.durationsMs, runs.replays, DEFAULT_SETTINGS, distributionMs);

/** A seeded generator (mulberry32): the same tasks on every run. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function uniformMs(random: () => number, fromS: number, toS: number): DurationSource {
	return () => (fromS + (toS - fromS) * random()) * 1000;
}

export function lognormalMs(random: () => number, medianS: number, sigma: number): DurationSource {
	return () => {
		const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
		return medianS * Math.exp(sigma * normal) * 1000;
	};
}

export function mixtureMs(random: () => number, parts: Array<[share: number, source: DurationSource]>): DurationSource {
	return () => {
		let pick = random();
		for (const [share, source] of parts) {
			if (pick < share) return source();
			pick -= share;
		}
		return parts[parts.length - 1][1]();
	};
}

/** Draws from a list of observed durations (a user's own tasks), with replacement. */
export function resampledMs(random: () => number, durationsS: readonly number[]): DurationSource {
	return () => durationsS[Math.floor(random() * durationsS.length)] * 1000;
}

/** The four workloads, each with its own fixed seed (another seed draws other tasks of the same distribution). */
export const WORKLOADS: Record<string, (seed?: number) => DurationSource> = {
	uniform20to90: (seed = 2090) => uniformMs(seededRandom(seed), 20, 90),
	uniform30to150: (seed = 30150) => uniformMs(seededRandom(seed), 30, 150),
	lognormal45: (seed = 4505) => lognormalMs(seededRandom(seed), 45, 0.5),
	fastFailMix: (seed = 1040) => {
		const random = seededRandom(seed);
		return mixtureMs(random, [
			[0.1, uniformMs(random, 1, 5)],
			[0.9, uniformMs(random, 40, 80)],
		]);
	},
};

/** What a poll every `intervalMs` would have seen of tasks lasting `durationsMs`: interval-censored. */
export function polledEvery(intervalMs: number, durationsMs: number[]): DurationObservation[] {
	return durationsMs.map((d) => ({ afterMs: Math.floor(d / intervalMs) * intervalMs, byMs: (Math.floor(d / intervalMs) + 1) * intervalMs }));
}
