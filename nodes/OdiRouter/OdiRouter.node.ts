import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import { systemTiming } from './clock';
import * as video from './actions/video';

export class OdiRouter implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OdiRouter',
		name: 'odiRouter',
		icon: { light: 'file:../../icons/odirouter.svg', dark: 'file:../../icons/odirouter.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Turn an image into a video with MiniMax Hailuo 2.3 Fast through the OdiRouter queue API',
		defaults: { name: 'OdiRouter' },
		// n8n 2.41 applies replacements to the tool variant's editor description only, not to the type it
		// runs: tool-only parameter defaults use the `@tool` display option instead (see helpers/toolMode).
		usableAsTool: {
			replacements: {
				description:
					'Let an AI agent make a 6 or 10 second video from an image with MiniMax Hailuo 2.3 Fast, and follow it up by request ID',
			},
		},
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'odiRouterApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Video', value: 'video' }],
				default: 'video',
			},
			...video.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this, systemTiming);
	}
}
