import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../transport/errors';
import { DEFAULT_MODEL } from '../transport/types';
import { modelIdProblem, requestIdProblem } from '../transport/urls';

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

/** Model and request ID of an item, checked before they go into a URL path. */
export function readRequestId(ctx: IExecuteFunctions, itemIndex: number): { model: string; requestId: string } {
	const model = readModel(ctx, itemIndex);
	const requestId = ctx.getNodeParameter('requestId', itemIndex, '') as unknown;
	const problem = requestIdProblem(requestId);
	if (problem) {
		throw invalidInput(ctx, itemIndex, 'Request ID', problem, 'the request_id returned by Submit, e.g. mmsu_01hxyz');
	}
	return { model, requestId: (requestId as string).trim() };
}

export function readModel(ctx: IExecuteFunctions, itemIndex: number): string {
	const model = ctx.getNodeParameter('model', itemIndex, '') as unknown;
	const problem = modelIdProblem(model);
	if (problem) {
		throw invalidInput(ctx, itemIndex, 'Model', problem, 'an OdiRouter model ID, e.g. minimax_hailuo_23_fast_i2v');
	}
	return (model as string).trim();
}
