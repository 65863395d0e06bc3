import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { optionsCollection } from '../../parameters/options';
import { outputFields, readOutputMode } from '../../parameters/outputFields';
import { modelField, readRequestId, requestIdField } from '../../parameters/taskReference';
import { toolDescriptionField } from '../../parameters/toolDescription';
import { etaOf, observeStatus } from '../../polling/learnedDurations';
import { fetchStatus } from '../../transport/api';
import type { ItemRun } from '../itemRun';
import { shownFor } from './shownFor';
import { simplifyStatus } from './simplify';

export const description = shownFor('getStatus', [
	toolDescriptionField('getStatus'),
	modelField,
	requestIdField,
	...outputFields,
	optionsCollection(),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, run: ItemRun): Promise<INodeExecutionData[]> {
	const { model, requestId } = readRequestId(this, itemIndex);
	const output = readOutputMode(this, itemIndex);
	const status = await fetchStatus(run.client, model, requestId, itemIndex);
	const eta = etaOf(requestId, status, run.waitClock);
	observeStatus(this, status, run.waitClock);
	return [{ json: output === 'simplified' ? simplifyStatus(status, eta) : { ...status, eta_seconds: eta }, pairedItem: { item: itemIndex } }];
}
