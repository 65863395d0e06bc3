import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fetchStatus } from '../../transport/api';
import type { ItemRun } from '../itemRun';
import { optionsCollection, modelField, outputFields, requestIdField } from '../../parameters/fields';
import { etaOf, observeStatus } from '../../polling/learnedDurations';
import { readRequestId } from '../../parameters/taskReference';
import { readOutputMode } from './resultOutput';
import { simplifyStatus } from './simplify';
import { toolDescriptionField } from '../../parameters/toolDescription';

const properties: INodeProperties[] = [
	toolDescriptionField('getStatus'),
	modelField,
	requestIdField,
	...outputFields,
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['video'], operation: ['getStatus'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: ItemRun,
): Promise<INodeExecutionData[]> {
	const { model, requestId } = readRequestId(this, itemIndex);
	const output = readOutputMode(this, itemIndex);
	const status = await fetchStatus(run.client, model, requestId, itemIndex);
	const eta = etaOf(requestId, status, run.waitClock);
	observeStatus(this, status, run.waitClock);
	return [{ json: output === 'simplified' ? simplifyStatus(status, eta) : { ...status, eta_seconds: eta }, pairedItem: { item: itemIndex } }];
}
