import type { INodeProperties } from 'n8n-workflow';

import { CAMERA_MOVEMENTS, MAX_CAMERA_MOVEMENTS, MAX_PROMPT_LENGTH } from './camera';
import { NOT_IN_TOOL, TOOL_ONLY } from './toolMode';
import { DEFAULT_MODEL } from '../transport/types';

export const modelField: INodeProperties = {
	displayName: 'Model',
	name: 'model',
	type: 'string',
	default: DEFAULT_MODEL,
	required: true,
	description:
		'OdiRouter model ID, part of every URL. A request ID only works with the model it was submitted to.',
	hint: 'MiniMax Hailuo 2.3 Fast, image to video',
};

export const requestIdField: INodeProperties = {
	displayName: 'Request ID',
	name: 'requestId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. mmsu_01hxyz...',
	description: 'The request_id returned by Submit',
};

/** The task's input: first frame, prompt, camera and video settings. */
export const taskFields: INodeProperties[] = [
	{
		displayName: 'First Frame Image',
		name: 'imageSource',
		type: 'options',
		noDataExpression: true,
		default: 'url',
		options: [
			{
				name: 'URL',
				value: 'url',
				description: 'A public https:// URL or a data:image/...;base64, URL',
			},
			{
				name: 'Binary Property',
				value: 'binary',
				description: 'An image from a previous node (Google Drive, HTTP Request, Read File...)',
			},
		],
		description: 'Where the first frame of the video comes from',
	},
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/first-frame.jpg',
		description:
			'JPG, PNG or WebP, under 20 MB, short side over 300 px, aspect ratio between 2:5 and 5:2. A link is read first (its first 256 kB), so a bad image is refused before it is billed.',
		displayOptions: { show: { imageSource: ['url'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'Name of the input item\'s binary field that holds the image',
		hint: 'JPG, PNG or WebP, under 20 MB, short side over 300 px, aspect ratio 2:5 to 5:2',
		displayOptions: { show: { imageSource: ['binary'] } },
	},
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'e.g. The cat slowly turns its head towards the window',
		description:
			'What should happen in the video. Length is counted in Unicode characters: an emoji or a Chinese character counts as one.',
		hint: `At most ${MAX_PROMPT_LENGTH} characters (Unicode characters, an emoji counts as one), camera movements included`,
	},
	{
		displayName: 'Camera Movement',
		name: 'cameraMovements',
		type: 'multiOptions',
		default: [],
		options: CAMERA_MOVEMENTS,
		description: `Up to ${MAX_CAMERA_MOVEMENTS} camera moves, added to the end of the prompt`,
	},
	{
		displayName: 'Resolution',
		name: 'resolution',
		type: 'options',
		default: '768P',
		options: [
			{ name: '768P', value: '768P', description: '6 or 10 second videos' },
			{ name: '1080P', value: '1080P', description: '6 second videos only' },
		],
	},
	{
		displayName: 'Duration (Seconds)',
		name: 'duration',
		type: 'options',
		default: 6,
		options: [
			{ name: '6', value: 6 },
			{ name: '10', value: 10 },
		],
		displayOptions: { show: { resolution: ['768P'] } },
	},
	{
		displayName: 'Duration (Seconds)',
		name: 'duration',
		type: 'options',
		default: 6,
		options: [{ name: '6', value: 6 }],
		hint: '1080P videos are always 6 seconds long: choose 768P for 10 seconds',
		displayOptions: { hide: { resolution: ['768P'] } },
	},
	{
		displayName: 'Prompt Optimizer',
		name: 'promptOptimizer',
		type: 'boolean',
		default: true,
		description: 'Whether the provider may rewrite the prompt. Turn off for more precise control.',
	},
	{
		displayName: 'Fast Pretreatment',
		name: 'fastPretreatment',
		type: 'boolean',
		default: false,
		description: 'Whether to shorten the time the prompt optimizer takes',
		displayOptions: { show: { promptOptimizer: [true] } },
	},
	{
		displayName: 'AIGC Watermark',
		name: 'aigcWatermark',
		type: 'boolean',
		default: false,
		description: 'Whether to add an AI-generated-content watermark to the video',
	},
];

/**
 * A parameter twice: as it is on the ordinary node, and with other defaults in the tool variant an AI
 * agent calls (n8n shows one or the other through its `@tool` display option).
 */
function withToolDefault(field: INodeProperties, inTool: Pick<INodeProperties, 'default' | 'description'>): INodeProperties[] {
	return [
		{ ...field, displayOptions: NOT_IN_TOOL },
		{ ...field, ...inTool, displayOptions: TOOL_ONLY },
	];
}

/** On by default; off by default in an agent tool, whose model never sees binary data. */
export const downloadVideoFields = withToolDefault(
	{
		displayName: 'Download Video',
		name: 'downloadVideo',
		type: 'boolean',
		default: true,
		description:
			'Whether to download the video into the item\'s binary data. The provider does not say how long its URL stays valid.',
	},
	{
		default: false,
		description:
			'Whether to download the video into the item\'s binary data. The agent\'s model never sees binary data, only the video URL: turn on only for nodes after the agent.',
	},
);

/** Raw by default; Simplified by default in an agent tool, where every character goes to the model. */
export const outputFields = withToolDefault(
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'raw',
		options: [
			{
				name: 'Simplified',
				value: 'simplified',
				description: 'Only request_id, status, video URL, duration, size, error and what to do next',
			},
			{ name: 'Raw', value: 'raw', description: 'Every field, with the API\'s own answer in raw' },
		],
	},
	{ default: 'simplified', description: 'What the agent\'s model gets back. Simplified keeps its context small.' },
);

export const binaryPropertyOutputOption: INodeProperties = {
	displayName: 'Put Output Video in Field',
	name: 'binaryPropertyOutput',
	type: 'string',
	default: 'data',
	hint: 'The name of the output binary field to put the video in',
};

export const maxConcurrencyOption: INodeProperties = {
	displayName: 'Max Concurrent Tasks',
	name: 'maxConcurrency',
	type: 'number',
	default: 5,
	typeOptions: { minValue: 1, maxValue: 50, numberPrecision: 0 },
	description: 'How many items are sent to OdiRouter at the same time',
};

export const requestTimeoutOption: INodeProperties = {
	displayName: 'Request Timeout (Seconds)',
	name: 'requestTimeout',
	type: 'number',
	default: 30,
	typeOptions: { minValue: 1, maxValue: 600, numberPrecision: 0 },
	description:
		'How long one request to OdiRouter may take. A submit gets 5 more seconds per MB of image; a video download 20 times this.',
};

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
