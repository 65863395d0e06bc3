import type { SubmitResponse } from '../../transport/types';

/** What an accepted task's later tries need: the API's answer and what the image check said before billing. */
export interface AcceptedTask {
	submitted: SubmitResponse;
	imageCheck: string;
}

/** Enough for the items of any retried node run; older entries go first. */
export const ACCEPTED_TASKS_CAPACITY = 5000;
/** n8n retries a node within seconds; a day covers any execution that still runs. */
export const ACCEPTED_TASK_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * The tasks the API accepted in this process, by what asked for them (execution, node, run index,
 * item and a fingerprint of the request), so that n8n's Retry On Fail, which runs the node again in
 * the same process, finds the task it already paid for instead of submitting it again. Bounded:
 * least recently used entries go first, and every entry expires. Time is monotonic milliseconds.
 */
export class AcceptedTasks {
	private readonly entries = new Map<string, { task: AcceptedTask; storedAt: number }>();

	constructor(
		private readonly now: () => number = () => performance.now(),
		private readonly capacity = ACCEPTED_TASKS_CAPACITY,
		private readonly ttlMs = ACCEPTED_TASK_TTL_MS,
	) {}

	get size(): number {
		return this.entries.size;
	}

	remember(key: string, task: AcceptedTask): void {
		this.entries.delete(key);
		this.entries.set(key, { task, storedAt: this.now() });
		for (const oldest of this.entries.keys()) {
			if (this.entries.size <= this.capacity) break;
			this.entries.delete(oldest);
		}
	}

	/** The task accepted under `key`, or `null`; a hit becomes the most recently used entry. */
	find(key: string): AcceptedTask | null {
		const entry = this.entries.get(key);
		if (!entry) return null;
		this.entries.delete(key);
		if (this.now() - entry.storedAt >= this.ttlMs) return null;
		this.entries.set(key, entry);
		return entry.task;
	}

	forget(key: string): void {
		this.entries.delete(key);
	}
}

/** One memory per n8n process: a retry runs in the process (in queue mode, the worker) of its first try. */
export const acceptedTasks = new AcceptedTasks();
