import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidInput } from './submitInput';
import { modelIdProblem, requestIdProblem } from '../transport/urls';

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
