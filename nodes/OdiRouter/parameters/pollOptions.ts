import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PollSettings } from '../polling/schedule';

const DEFAULT_TARGET_DELAY_S = 2;
const DEFAULT_POLL_INTERVAL_S = 1;

/** Kept under its old name, so a Poll Interval saved in a workflow keeps its meaning: a floor. */
export const pollIntervalOption: INodeProperties = {
	displayName: 'Poll Interval (Seconds)',
	name: 'pollInterval',
	type: 'number',
	default: DEFAULT_POLL_INTERVAL_S,
	typeOptions: { minValue: 1 },
	description:
		'The shortest time between two status requests for one task. Raise it only to cap the request rate: the node already plans fewer requests from Target Notice Delay.',
};

export const targetNoticeDelayOption: INodeProperties = {
	displayName: 'Target Notice Delay (Seconds)',
	name: 'targetNoticeDelay',
	type: 'number',
	default: DEFAULT_TARGET_DELAY_S,
	typeOptions: { minValue: 0.5, numberPrecision: 1 },
	description:
		'How soon, on average, the node should notice that a task has finished. The node learns how long tasks take (per API, model, resolution, duration and prompt settings; kept with the workflow after each production run, so a restart keeps it) and asks for the status where tasks usually finish, so it needs fewer requests than a fixed interval. Lower means more requests.',
};

function secondsOption(options: Record<string, unknown>, name: string, fallback: number, minimum: number): number {
	const value = Number(options[name] ?? fallback);
	return Math.max(minimum, Number.isFinite(value) ? value : fallback) * 1000;
}

export function readPollSettings(ctx: IExecuteFunctions, itemIndex: number): PollSettings {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as Record<string, unknown>;
	return {
		targetDelayMs: secondsOption(options, 'targetNoticeDelay', DEFAULT_TARGET_DELAY_S, 0.5),
		minIntervalMs: secondsOption(options, 'pollInterval', DEFAULT_POLL_INTERVAL_S, 1),
	};
}
