import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Clock } from '../clock';
import type { DurationObservation } from './durationEstimate';
import { durationEstimateFor, rememberDuration, shareDurations } from './durationMemory';
import { storeDuration, storedDurations } from './durationStore';
import { etaSeconds } from './eta';
import { forgetSubmit, rememberSubmit, taskAgeOf } from './taskAges';
import type { TaskKindSettings } from './taskKind';
import { taskKindOf } from './taskKind';
import type { TaskStatus } from '../transport/types';

/**
 * The workflow's store, or null where n8n offers none (never fails an item). The workflow's, not the
 * node's: a Submit node then gives an ETA from what a Submit and Wait node of the workflow learned.
 */
function staticDataOf(ctx: IExecuteFunctions): IDataObject | null {
	try {
		return ctx.getWorkflowStaticData('global');
	} catch {
		return null;
	}
}

function workflowIdOf(ctx: IExecuteFunctions): string {
	try {
		return String(ctx.getWorkflow().id ?? '');
	} catch {
		return '';
	}
}

/**
 * The kind of this task on the API at `baseUrl`, with what the workflow already learned about it
 * merged into the process memory: after a restart (or on a queue-mode worker that n8n gives the
 * static data), the first wait plans from it.
 */
export function learnedKind(ctx: IExecuteFunctions, baseUrl: string, model: string, settings: TaskKindSettings): string {
	const kind = taskKindOf(model, settings, baseUrl);
	const staticData = staticDataOf(ctx);
	if (staticData) shareDurations(kind, workflowIdOf(ctx), storedDurations(staticData, kind));
	return kind;
}

/** Triggers that keep nothing of their own in the workflow's static data. */
const STATELESS_TRIGGERS = new Set([
	'n8n-nodes-base.webhook',
	'n8n-nodes-base.formTrigger',
	'n8n-nodes-base.manualTrigger',
	'n8n-nodes-base.executeWorkflowTrigger',
	'n8n-nodes-base.errorTrigger',
	'@n8n/n8n-nodes-langchain.chatTrigger',
	'@n8n/n8n-nodes-langchain.mcpTrigger',
]);
const CODE_NODES = new Set(['n8n-nodes-base.code', 'n8n-nodes-base.function', 'n8n-nodes-base.functionItem']);

/**
 * Whether the node may write into the workflow's static data, given the types of the nodes before it
 * and of the triggers that start it. n8n saves the whole static data object when an execution ends,
 * over what is stored: the copy an execution holds can be stale (a polling or schedule trigger saved
 * newer state during a long wait) or, on an n8n 2.41 queue-mode worker, empty. A trigger whose state
 * is rolled back can fetch its items again, and this node would bill them again: so the node writes
 * only where nothing before it keeps state there (webhook-style triggers, no Code node).
 */
export function mayWriteWorkflowStore(parentTypes: readonly string[], triggerTypes: readonly string[]): boolean {
	if (triggerTypes.length === 0) return false;
	return triggerTypes.every((type) => STATELESS_TRIGGERS.has(type)) && !parentTypes.some((type) => CODE_NODES.has(type));
}

/** Per node run (n8n gives its items one context): the parents are walked once, not for every item. */
const writableStoreByRun = new WeakMap<IExecuteFunctions, IDataObject | null>();

function writableStaticDataOf(ctx: IExecuteFunctions): IDataObject | null {
	if (!writableStoreByRun.has(ctx)) writableStoreByRun.set(ctx, workflowStoreIfSafe(ctx));
	return writableStoreByRun.get(ctx) ?? null;
}

function workflowStoreIfSafe(ctx: IExecuteFunctions): IDataObject | null {
	try {
		const parents = ctx.getParentNodes(ctx.getNode().name).filter((parent) => !parent.disabled);
		const triggers = parents.filter((parent) => ctx.getParentNodes(parent.name).length === 0);
		const allowed = mayWriteWorkflowStore(
			parents.map((parent) => parent.type),
			triggers.map((trigger) => trigger.type),
		);
		return allowed ? staticDataOf(ctx) : null;
	} catch {
		return null;
	}
}

/** Where a wait's observations go besides the process memory: the workflow's store, where that is safe. */
export function storeObservations(ctx: IExecuteFunctions, kind: string): (observation: DurationObservation) => void {
	const staticData = writableStaticDataOf(ctx);
	return (observation) => {
		if (staticData) storeDuration(staticData, kind, observation);
	};
}

/** Records a new task so Get Status in this process knows its kind and age; its ETA at submit. */
export function submitted(requestId: string, kind: string, clock: Clock): number | null {
	rememberSubmit(requestId, kind, clock.now());
	return etaSeconds(durationEstimateFor(kind), 0);
}

/** A wait that saw the task end has taught what it could: a later Get Status must not teach it again. */
export function waitedFor(requestId: string): void {
	forgetSubmit(requestId);
}

/**
 * What a Get Status tells about a task this process submitted: unfinished at this age, or completed
 * by it, which teaches the kind one more duration (as a wait would: in memory and in the workflow's
 * store). So Submit → Wait → Get Status workflows learn too.
 */
export function observeStatus(ctx: IExecuteFunctions, status: TaskStatus, clock: Clock): void {
	const task = taskAgeOf(status.request_id);
	if (!task) return;
	const now = clock.now();
	if (!status.done) {
		if (status.status === 'queued') task.runningFrom = now;
		task.lastUnfinishedAt = now;
		return;
	}
	forgetSubmit(status.request_id);
	if (status.status !== 'completed') return;
	const observation = { afterMs: Math.max(0, task.lastUnfinishedAt - task.runningFrom), byMs: Math.max(0, now - task.runningFrom) };
	rememberDuration(task.kind, observation);
	storeObservations(ctx, task.kind)(observation);
}

/**
 * Expected seconds until this task finishes, from its last status (null: none seen yet): 0 once
 * completed; null when it ended otherwise, or when this process does not know the task or its kind.
 */
export function etaOf(requestId: string, status: TaskStatus | null, clock: Clock): number | null {
	if (status?.status === 'completed') return 0;
	if (status?.done) return null;
	const task = taskAgeOf(requestId);
	if (!task) return null;
	// A queued task has not started running: the learned durations are run times.
	const ageMs = status?.status === 'queued' ? 0 : clock.now() - task.runningFrom;
	return etaSeconds(durationEstimateFor(task.kind), ageMs);
}
