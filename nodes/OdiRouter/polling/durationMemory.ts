import type { DurationEstimate, DurationObservation } from './durationEstimate';
import { estimateDurations, widenedEstimate } from './durationEstimate';
import type { DurationShape } from './durationShape';
import { shapeOf } from './durationShape';
import type { SharedDurations } from './durationStore';
import type { PollPlan, PollSettings } from './schedule';
import { coldPlan, learnedPlan } from './schedule';

/**
 * How long recent tasks took, per kind of task (the API, the model and the settings that change the
 * duration), in this process's memory: shared by all items and executions, so a plan learned in one
 * execution serves the next. What other processes (an earlier n8n, another queue-mode worker) taught
 * comes from each workflow's store (`durationStore.ts`) and is kept here beside this process's own.
 * Bounded: the last MAX_OBSERVATIONS observations per kind, a few dozen kinds, the least recently
 * used kind forgotten first, a few workflows' shared observations per kind.
 */
const MAX_KINDS = 32;
/**
 * 4096 rather than 1024 or 256 (measured, warm): on a long-tailed mix the rare long tasks are too few
 * among 256 to plan their tail (p99 5.8 × the mean delay, efficiency 0.81), and among 1024 the plan
 * still misses ages past 90 s (efficiency 0.866; 0.88 with 4096). An estimate from 4096 observations
 * takes about 0.2 s (measured, no two alike), once per REPLAN_EVERY tasks.
 */
const MAX_OBSERVATIONS = 4096;
/** Below this many finished waits the plan stays the cold one (a fixed interval). */
export const MIN_HISTORY = 10;
/** The plan is worked out again after this many new observations, or a quarter more while few are known. */
const REPLAN_EVERY = 16;
const MAX_PLANS_PER_KIND = 4;
const MAX_SHARING_WORKFLOWS = 8;

interface KindMemory {
	observations: DurationObservation[];
	/** This process's own observations so far (the ring keeps the last MAX_OBSERVATIONS). */
	added: number;
	/** What other processes taught, per workflow, as last read from its store. */
	shared: Map<string, SharedDurations>;
	/** Observations that came in so far, own and shared: the estimate and the plans follow them. */
	changes: number;
	/** The one estimate of the durations (for plans and ETAs), with the `changes` it was made at. */
	estimate?: { of: DurationEstimate; at: number };
	planning?: Planning;
}

/** What the plans are made from: the estimate widened for the tasks it rests on, as a shape. */
interface Planning {
	shape: DurationShape;
	samples: number;
	/** The `changes` it was made at. */
	at: number;
	/** Per poll settings. */
	plans: Map<string, PollPlan>;
}

const kinds = new Map<string, KindMemory>();

function memoryOf(kind: string): KindMemory {
	let memory = kinds.get(kind);
	if (memory) {
		kinds.delete(kind);
	} else {
		memory = { observations: [], added: 0, shared: new Map(), changes: 0 };
		if (kinds.size >= MAX_KINDS) kinds.delete(kinds.keys().next().value as string);
	}
	kinds.set(kind, memory);
	return memory;
}

export function rememberDuration(kind: string, observation: DurationObservation): void {
	const memory = memoryOf(kind);
	memory.observations[memory.added % MAX_OBSERVATIONS] = observation;
	memory.added += 1;
	memory.changes += 1;
}

/** What other processes taught about this kind, as one workflow's store has it now (it replaces what that workflow shared before). */
export function shareDurations(kind: string, workflow: string, shared: SharedDurations): void {
	if (shared.observations.length === 0 && !kinds.has(kind)) return;
	const memory = memoryOf(kind);
	const before = memory.shared.get(workflow);
	memory.shared.delete(workflow);
	if (memory.shared.size >= MAX_SHARING_WORKFLOWS) memory.shared.delete(memory.shared.keys().next().value as string);
	memory.shared.set(workflow, shared);
	memory.changes += Math.max(0, shared.total - (before?.total ?? shared.total - shared.observations.length));
}

function allObservations(memory: KindMemory): DurationObservation[] {
	return [...memory.observations, ...[...memory.shared.values()].flatMap((shared) => shared.observations)];
}

/** The estimate from all observations, worked out again only when they changed (warm-started from the last). */
function estimateOf(memory: KindMemory, observations: DurationObservation[]): DurationEstimate {
	if (memory.estimate?.at !== memory.changes) {
		memory.estimate = { of: estimateDurations(observations, memory.estimate?.of), at: memory.changes };
	}
	return memory.estimate.of;
}

/** The learned duration distribution of this kind, or null while no task of it was seen to finish. */
export function durationEstimateFor(kind: string): DurationEstimate | null {
	const memory = kinds.get(kind);
	if (!memory) return null;
	const observations = allObservations(memory);
	if (!observations.some((observation) => Number.isFinite(observation.byMs))) return null;
	return estimateOf(memory, observations);
}

/** Memory → estimate → widened for how few tasks it rests on → shape: made again after a quarter more observations while few are known, then every REPLAN_EVERY. */
function planningOf(memory: KindMemory, observations: DurationObservation[]): Planning {
	const replanAfter = Math.min(REPLAN_EVERY, Math.ceil((memory.planning?.at ?? 0) / 4));
	if (!memory.planning || memory.changes - memory.planning.at >= replanAfter) {
		const samples = observations.length;
		const estimate = estimateOf(memory, observations);
		const widened = widenedEstimate(estimate, samples);
		const shape = shapeOf(widened);
		memory.planning = { shape, samples, at: memory.changes, plans: new Map() };
	}
	return memory.planning;
}

/** The poll plan for this kind of task, from what this process has learned of it so far. */
export function pollPlanFor(kind: string, settings: PollSettings): PollPlan {
	const memory = memoryOf(kind);
	const observations = allObservations(memory);
	if (observations.length < MIN_HISTORY) return coldPlan();
	const { shape, samples, plans } = planningOf(memory, observations);
	const key = `${settings.targetDelayMs} ${settings.minIntervalMs}`;
	let plan = plans.get(key);
	if (!plan) {
		if (plans.size >= MAX_PLANS_PER_KIND) plans.clear();
		plan = learnedPlan(shape, settings, samples);
		plans.set(key, plan);
	}
	return plan;
}

/** Forgets everything learned, as a fresh process would (tests and the benchmark's cold starts). */
export function forgetDurations(): void {
	kinds.clear();
}
