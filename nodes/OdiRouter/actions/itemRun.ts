import type { Clock } from '../clock';
import type { ApiClient } from '../transport/request';

export type TaskState = 'running' | 'finished' | 'cancelled';

/** What an operation gets besides its item index: the API client and the batch it runs in. */
export interface ItemRun {
	client: ApiClient;
	/** Time for the polling and the learned task ages: the node's `Timing.waits`. */
	waitClock: Clock;
	/** Aborts when the execution is stopped, or when another item failed and the batch stops. */
	signal: AbortSignal;
	/** Records this item's task, so that an error that stops the batch can still name it. */
	trackTask(requestId: string, state: TaskState): void;
	/** Execution, node and run index, under which accepted tasks are kept for n8n's Retry On Fail; `null`: never resume. */
	resumeScope: string | null;
}
