import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ImageCheck } from '../../parameters/imageCheck';
import { isToolMode } from '../../parameters/toolMode';
import { submitTask } from '../../transport/api';
import type { SubmitBody, SubmitResponse } from '../../transport/types';
import type { ItemRun } from '../itemRun';
import type { AcceptedTask } from './acceptedTasks';
import { acceptedTasks } from './acceptedTasks';

export interface SubmittedTask {
	submitted: SubmitResponse;
	/** What the image check said before the task was billed (on its first try). */
	imageCheck: ImageCheck;
	/** The task was accepted by an earlier try of this node run (n8n's Retry On Fail): not submitted again. */
	resumed: boolean;
	/** The task ended failed or cancelled: a retry of this run submits anew. */
	forget(): void;
	/**
	 * The caller has what it asked for (the request ID, the video). As an agent's tool, the agent's
	 * next call with the same input is then new work, not a retry.
	 */
	delivered(): void;
	/** The call that holds the task has ended (however it ended): another call may resume the task. */
	release(): void;
}

/**
 * What makes a node run one piece of work: n8n's Retry On Fail runs the node again with the same
 * execution, node and run index; a loop gives a new run index. As an agent's tool every call is a
 * new run index, and an agent whose call ended in an error (its request_id in it) or in the Max Wait
 * item calls again with the same input: there the execution is the scope, and a task is forgotten
 * once it was handed over (`delivered`). Without an execution ID nothing can tell two executions
 * apart, so nothing is resumed.
 */
export function resumeScopeOf(ctx: IExecuteFunctions): string | null {
	const executionId = ctx.getExecutionId();
	if (!executionId) return null;
	const node = ctx.getNode();
	const run = isToolMode(ctx) ? 'tool' : ctx.getWorkflowDataProxy(0).$runIndex;
	return JSON.stringify([executionId, ctx.getWorkflow().id ?? null, node.id ?? node.name, run]);
}

function taskKey(scope: string, client: ItemRun['client'], model: string, body: SubmitBody, itemIndex: number): string {
	// A changed input (an expression that gave another image or prompt on the retry) is new work.
	const fingerprint = createHash('sha256').update(JSON.stringify([client.baseUrl, model, body])).digest('hex');
	return `${scope} item ${itemIndex} ${fingerprint}`;
}

/**
 * As an agent's tool, calls with the same input can run side by side (an agent that wants two
 * videos of one image and prompt): each running call holds its own task, under its own slot of the
 * key, so one never resumes the task another call is still waiting on.
 */
const MOST_PARALLEL_CALLS = 8;
const heldByRunningCall = new Set<string>();

function slotsOf(key: string | null, asTool: boolean): string[] {
	if (key === null) return [];
	if (!asTool) return [key];
	return Array.from({ length: MOST_PARALLEL_CALLS }, (_, n) => (n === 0 ? key : `${key} call ${n + 1}`));
}

/**
 * Submits the item's task, or, when an earlier try of this node run already had it accepted, gives
 * that task back: n8n's Retry On Fail must not pay for the same video twice.
 */
export async function submitOrResume(
	ctx: IExecuteFunctions,
	run: ItemRun,
	model: string,
	body: SubmitBody,
	itemIndex: number,
	checkBeforeBilling: () => Promise<ImageCheck>,
): Promise<SubmittedTask> {
	const asTool = isToolMode(ctx);
	const slots = slotsOf(run.resumeScope === null ? null : taskKey(run.resumeScope, run.client, model, body, itemIndex), asTool);
	let slot: string | undefined;
	let earlier: AcceptedTask | null = null;
	for (const candidate of slots) {
		if (heldByRunningCall.has(candidate)) continue;
		earlier = acceptedTasks.find(candidate);
		if (earlier) {
			slot = candidate;
			break;
		}
	}
	const hold = () => {
		if (asTool && slot !== undefined) heldByRunningCall.add(slot);
	};
	const forget = () => slot !== undefined && acceptedTasks.forget(slot);
	const delivered = () => asTool && forget();
	const release = () => slot !== undefined && heldByRunningCall.delete(slot);
	if (earlier) {
		hold();
		const requestId = earlier.submitted.request_id;
		const why = asTool ? 'the agent called the tool again with the same input' : 'n8n retried the node';
		ctx.logger.info(
			`OdiRouter task resumed (${why}): request_id ${requestId}, execution ${ctx.getExecutionId()}, node "${ctx.getNode().name}", item ${itemIndex}; not submitted again`,
			{ requestId, executionId: ctx.getExecutionId(), nodeName: ctx.getNode().name, itemIndex, resumed: true },
		);
		return { submitted: earlier.submitted, imageCheck: earlier.imageCheck as ImageCheck, resumed: true, forget, delivered, release };
	}
	const imageCheck = await checkBeforeBilling();
	const submitted = await submitTask(run.client, model, body, itemIndex);
	// The slot is chosen once accepted: a call that ran alongside may have taken one meanwhile.
	slot = slots.find((candidate) => !heldByRunningCall.has(candidate) && acceptedTasks.find(candidate) === null);
	if (slot !== undefined) acceptedTasks.remember(slot, { submitted, imageCheck });
	hold();
	return { submitted, imageCheck, resumed: false, forget, delivered, release };
}

/**
 * What every output item of an accepted task says about it: `resumed: true` when an earlier try had
 * it accepted (nothing otherwise), and what the image check before billing found.
 */
export function withTaskFacts(json: IDataObject, task: Pick<SubmittedTask, 'resumed' | 'imageCheck'>): IDataObject {
	return { ...json, ...(task.resumed ? { resumed: true } : {}), image_check: task.imageCheck };
}
