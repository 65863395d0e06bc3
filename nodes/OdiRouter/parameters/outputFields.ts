import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../transport/errors';
import type { NodeOptions } from './options';
import { isToolMode, NOT_IN_TOOL, TOOL_ONLY } from './toolMode';

/**
 * A parameter twice: as it is on the ordinary node, and with other defaults in the tool variant an AI
 * agent calls (n8n shows one or the other through its `@tool` display option).
 */
interface FieldWithToolVariant<T extends boolean | string> {
	field: INodeProperties & { default: T };
	inTool: { default: T; description: string };
}

function bothVariants<T extends boolean | string>({ field, inTool }: FieldWithToolVariant<T>): INodeProperties[] {
	return [
		{ ...field, displayOptions: NOT_IN_TOOL },
		{ ...field, ...inTool, displayOptions: TOOL_ONLY },
	];
}

/** The default that applies where the node runs: the tool variant's in an agent's tool. */
function defaultFor<T extends boolean | string>(ctx: IExecuteFunctions, { field, inTool }: FieldWithToolVariant<T>): T {
	return isToolMode(ctx) ? inTool.default : field.default;
}

/** On by default; off by default in an agent tool, whose model never sees binary data. */
const downloadVideo: FieldWithToolVariant<boolean> = {
	field: {
		displayName: 'Download Video',
		name: 'downloadVideo',
		type: 'boolean',
		default: true,
		description:
			'Whether to download the video into the item\'s binary data. The provider does not say how long its URL stays valid.',
	},
	inTool: {
		default: false,
		description:
			'Whether to download the video into the item\'s binary data. The agent\'s model never sees binary data, only the video URL: turn on only for nodes after the agent.',
	},
};

export type OutputMode = 'simplified' | 'raw';

/** Raw by default; Simplified by default in an agent tool, where every character goes to the model. */
const output: FieldWithToolVariant<OutputMode> = {
	field: {
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
	inTool: { default: 'simplified', description: 'What the agent\'s model gets back. Simplified keeps its context small.' },
};

export const downloadVideoFields = bothVariants(downloadVideo);
export const outputFields = bothVariants(output);

export interface OutputSettings {
	downloadVideo: boolean;
	binaryProperty: string;
	output: OutputMode;
}

/** The Output parameter: Raw by default, Simplified by default when the node is an agent's tool. */
export function readOutputMode(ctx: IExecuteFunctions, itemIndex: number): OutputMode {
	const mode = ctx.getNodeParameter(output.field.name, itemIndex, defaultFor(ctx, output)) as unknown;
	if (mode === 'simplified' || mode === 'raw') return mode;
	throw invalidInput(ctx, itemIndex, output.field.displayName, `is ${JSON.stringify(mode)}`, 'simplified or raw');
}

export function readOutputSettings(ctx: IExecuteFunctions, itemIndex: number, options: NodeOptions): OutputSettings {
	const download = ctx.getNodeParameter(downloadVideo.field.name, itemIndex, defaultFor(ctx, downloadVideo)) as unknown;
	return {
		downloadVideo: download !== false && download !== 'false',
		binaryProperty: options.binaryProperty,
		output: readOutputMode(ctx, itemIndex),
	};
}
