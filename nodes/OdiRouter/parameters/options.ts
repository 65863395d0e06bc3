import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PollSettings } from '../polling/schedule';
import { isToolMode, TOOL_MAX_WAIT_SECONDS } from './toolMode';

export const maxConcurrencyOption = {
	displayName: 'Max Concurrent Tasks',
	name: 'maxConcurrency',
	type: 'number',
	default: 5,
	typeOptions: { minValue: 1, maxValue: 50, numberPrecision: 0 },
	description: "How many items are sent to OdiRouter at the same time. One value for the whole run: an expression is read for the first item.",
} satisfies INodeProperties;

export const requestTimeoutOption = {
	displayName: 'Request Timeout (Seconds)',
	name: 'requestTimeout',
	type: 'number',
	default: 30,
	typeOptions: { minValue: 1, maxValue: 600, numberPrecision: 0 },
	description:
		"How long one request to OdiRouter may take. A submit gets 5 more seconds per MB of image; a video download 20 times this. One value for the whole run: an expression is read for the first item.",
} satisfies INodeProperties;

export const binaryPropertyOutputOption = {
	displayName: 'Put Output Video in Field',
	name: 'binaryPropertyOutput',
	type: 'string',
	default: 'data',
	hint: 'The name of the output binary field to put the video in',
} satisfies INodeProperties;

export const checkImageLinkOption = {
	displayName: 'Check Image Link',
	name: 'checkImageLink',
	type: 'boolean',
	default: true,
	description:
		'Whether to read the first bytes of an image given as a link before submitting (one small GET of at most 256 kB to the image host, without your API key, at most 10 s), so a missing, non-JPG/PNG/WebP, too small or wrongly shaped image is refused before it is billed. A host n8n cannot reach does not block the submit.',
} satisfies INodeProperties;

export const cancelOnTimeoutOption = {
	displayName: 'Cancel Task on Timeout',
	name: 'cancelOnTimeout',
	type: 'boolean',
	default: false,
	description:
		'Whether to cancel the task upstream when Max Wait passes or another item stops the batch (stopping the polling alone does not stop the billing). An agent tool never cancels on Max Wait: it returns the request ID to fetch the video later.',
} satisfies INodeProperties;

export const maxWaitOption = {
	displayName: 'Max Wait (Seconds)',
	name: 'maxWait',
	type: 'number',
	default: 600,
	typeOptions: { minValue: 1, numberPrecision: 0 },
	description: `How long to wait for the video before giving up with the request ID in the error. As an agent tool: ${TOOL_MAX_WAIT_SECONDS} s unless set here, and the tool then returns the request ID to fetch the video later instead of failing.`,
} satisfies INodeProperties;

/** Kept under its old name, so a Poll Interval saved in a workflow keeps its meaning: a floor. */
export const pollIntervalOption = {
	displayName: 'Poll Interval (Seconds)',
	name: 'pollInterval',
	type: 'number',
	default: 1,
	typeOptions: { minValue: 1 },
	description:
		'The shortest time between two status requests for one task. Raise it only to cap the request rate: the node already plans fewer requests from Target Notice Delay.',
} satisfies INodeProperties;

export const targetNoticeDelayOption = {
	displayName: 'Target Notice Delay (Seconds)',
	name: 'targetNoticeDelay',
	type: 'number',
	default: 2,
	typeOptions: { minValue: 0.5, numberPrecision: 1 },
	description:
		'How soon, on average, the node should notice that a task has finished. The node learns how long tasks take (per API, model, resolution, duration and prompt settings; kept with the workflow after each production run, so a restart keeps it) and asks for the status where tasks usually finish, so it needs fewer requests than a fixed interval. Lower means more requests.',
} satisfies INodeProperties;

/**
 * The Options collection every operation has: Max Concurrent Tasks and Request Timeout, plus its own,
 * in alphabetical order as n8n lists collection options.
 */
export function optionsCollection(...ownOptions: INodeProperties[]): INodeProperties {
	const options = [maxConcurrencyOption, requestTimeoutOption, ...ownOptions];
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: options.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** Every option of an item, read once, with the defaults and bounds of the definitions above. */
export interface NodeOptions {
	requestTimeoutMs: number;
	maxConcurrency: number;
	binaryProperty: string;
	checkImageLink: boolean;
	cancelOnTimeout: boolean;
	maxWaitMs: number;
	poll: PollSettings;
}

type NumberOption = { name: string; default: number; typeOptions: { minValue: number; maxValue?: number } };

/** A number option within its bounds; its default when it is empty or not a number. */
function numberOption(options: Record<string, unknown>, option: NumberOption, fallback = option.default): number {
	const value = Number(options[option.name] ?? fallback);
	const { minValue, maxValue = Infinity } = option.typeOptions;
	return Math.min(maxValue, Math.max(minValue, Number.isFinite(value) ? value : fallback));
}

/** A timeout of 0 or less means none was meant: the default, not the shortest. */
function requestTimeoutSeconds(options: Record<string, unknown>): number {
	const value = Number(options[requestTimeoutOption.name] ?? requestTimeoutOption.default);
	return Number.isFinite(value) && value > 0 ? Math.min(value, requestTimeoutOption.typeOptions.maxValue) : requestTimeoutOption.default;
}

function isOff(value: unknown): boolean {
	return value === false || value === 'false';
}

export function readOptions(ctx: IExecuteFunctions, itemIndex: number): NodeOptions {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as Record<string, unknown>;
	const binaryProperty = options[binaryPropertyOutputOption.name];
	const maxWaitDefault = isToolMode(ctx) ? TOOL_MAX_WAIT_SECONDS : maxWaitOption.default;
	return {
		requestTimeoutMs: requestTimeoutSeconds(options) * 1000,
		maxConcurrency: Math.floor(numberOption(options, maxConcurrencyOption)),
		binaryProperty:
			typeof binaryProperty === 'string' && binaryProperty.trim() !== '' ? binaryProperty.trim() : binaryPropertyOutputOption.default,
		checkImageLink: !isOff(options[checkImageLinkOption.name]),
		cancelOnTimeout: options[cancelOnTimeoutOption.name] === true,
		maxWaitMs: numberOption(options, maxWaitOption, maxWaitDefault) * 1000,
		poll: {
			targetDelayMs: numberOption(options, targetNoticeDelayOption) * 1000,
			minIntervalMs: numberOption(options, pollIntervalOption) * 1000,
		},
	};
}
