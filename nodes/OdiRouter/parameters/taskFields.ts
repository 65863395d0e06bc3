import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { LINK_PROBE_BYTES } from '../transport/imageProbe';
import { CAMERA_MOVEMENTS, MAX_CAMERA_MOVEMENTS, MAX_PROMPT_LENGTH } from './camera';
import { IMAGE_RULES, TALLEST_ASPECT, WIDEST_ASPECT } from './image';

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
			`${IMAGE_RULES}, aspect ratio between ${TALLEST_ASPECT} and ${WIDEST_ASPECT}. A link is read first (its first ${LINK_PROBE_BYTES / 1024} kB), so a bad image is refused before it is billed.`,
		displayOptions: { show: { imageSource: ['url'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'Name of the input item\'s binary field that holds the image',
		hint: `${IMAGE_RULES}, aspect ratio ${TALLEST_ASPECT} to ${WIDEST_ASPECT}`,
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

/** One task field of an item as its expression gave it, with the editor's default when it is missing. */
export function readTaskField(ctx: IExecuteFunctions, itemIndex: number, name: string): unknown {
	const field = taskFields.find((candidate) => candidate.name === name);
	return ctx.getNodeParameter(name, itemIndex, field?.default) as unknown;
}
