import type { DurationEstimate, DurationObservation } from './durationEstimate';
import { estimateDurations } from './durationEstimate';
import type { PollPlan, PollSettings } from './schedule';
import { coldPlan, learnedPlan } from './schedule';

/**
 * How long recent tasks took, per kind of task (model and the settings that change the duration),
 * in this process's memory: shared by all items and executions, so a plan learned in one execution
 * serves the next. Each n8n process (a queue-mode worker too) learns on its own. Bounded: a few
 * hundred observations per kind, a few dozen kinds, the least recently used kind forgotten first.
 */
const MAX_KINDS = 32;
const MAX_OBSERVATIONS = 256;
/** Below this many finished waits the plan stays the cold one (a fixed interval). */
export const MIN_HISTORY = 10;
/** The plan is worked out again after this many new observations, or a quarter more while few are known. */
const REPLAN_EVERY = 16;
const MAX_PLANS_PER_KIND = 4;

interface KindMemory {
	observations: DurationObservation[];
	added: number;
	plannedAt: number;
	estimate?: DurationEstimate;
	plans: Map<string, PollPlan>;
}

const kinds = new Map<string, KindMemory>();

function memoryOf(kind: string): KindMemory {
	let memory = kinds.get(kind);
	if (memory) {
		kinds.delete(kind);
	} else {
		memory = { observations: [], added: 0, plannedAt: 0, plans: new Map() };
		if (kinds.size >= MAX_KINDS) kinds.delete(kinds.keys().next().value as string);
	}
	kinds.set(kind, memory);
	return memory;
}

export function rememberDuration(kind: string, observation: DurationObservation): void {
	const memory = memoryOf(kind);
	memory.observations[memory.added % MAX_OBSERVATIONS] = observation;
	memory.added += 1;
}

/** The poll plan for this kind of task, from what this process has seen of it so far. */
export function pollPlanFor(kind: string, settings: PollSettings): PollPlan {
	const memory = memoryOf(kind);
	if (memory.added < MIN_HISTORY) return coldPlan();
	if (!memory.estimate || memory.added - memory.plannedAt >= Math.min(REPLAN_EVERY, Math.ceil(memory.plannedAt / 4))) {
		memory.estimate = estimateDurations(memory.observations, memory.estimate);
		memory.plans.clear();
		memory.plannedAt = memory.added;
	}
	const key = `${settings.targetDelayMs} ${settings.minIntervalMs}`;
	let plan = memory.plans.get(key);
	if (!plan) {
		if (memory.plans.size >= MAX_PLANS_PER_KIND) memory.plans.clear();
		plan = learnedPlan(memory.estimate, settings, memory.observations.length);
		memory.plans.set(key, plan);
	}
	return plan;
}

/** Forgets everything learned, as a fresh process would (tests and the benchmark's cold starts). */
export function forgetDurations(): void {
	kinds.clear();
}
