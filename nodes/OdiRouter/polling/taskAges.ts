/**
 * The tasks this process submitted and has not seen end: their kind and, on the wait clock, since when
 * they may have been running and when they were last seen unfinished. A later Get Status in the same
 * process then knows how old a task is, and what its end teaches. Bounded: the oldest are forgotten first.
 */
const MAX_TASKS = 512;

export interface TaskAge {
	kind: string;
	/** Submit, or the last status that saw it queued (it cannot have started running before that). */
	runningFrom: number;
	lastUnfinishedAt: number;
}

const tasks = new Map<string, TaskAge>();

export function rememberSubmit(requestId: string, kind: string, at: number): void {
	tasks.delete(requestId);
	if (tasks.size >= MAX_TASKS) tasks.delete(tasks.keys().next().value as string);
	tasks.set(requestId, { kind, runningFrom: at, lastUnfinishedAt: at });
}

export function taskAgeOf(requestId: string): TaskAge | undefined {
	return tasks.get(requestId);
}

export function forgetSubmit(requestId: string): void {
	tasks.delete(requestId);
}

/** Forgets every task, as a fresh process would (tests). */
export function forgetSubmits(): void {
	tasks.clear();
}
