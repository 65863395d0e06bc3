/**
 * The tasks this process submitted: their kind and when (on the wait clock), so that a later Get
 * Status in the same process can tell how old a task is and when it should be done. Bounded: the
 * oldest entries are forgotten first.
 */
const MAX_TASKS = 512;

export interface SubmittedTask {
	kind: string;
	submittedAt: number;
}

const tasks = new Map<string, SubmittedTask>();

export function rememberSubmit(requestId: string, task: SubmittedTask): void {
	tasks.delete(requestId);
	if (tasks.size >= MAX_TASKS) tasks.delete(tasks.keys().next().value as string);
	tasks.set(requestId, task);
}

export function submittedTask(requestId: string): SubmittedTask | undefined {
	return tasks.get(requestId);
}

/** Forgets every task, as a fresh process would (tests). */
export function forgetSubmits(): void {
	tasks.clear();
}
