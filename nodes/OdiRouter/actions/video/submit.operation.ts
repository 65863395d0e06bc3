import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readSubmitBody } from '../../parameters/submitInput';
import type { ItemRun } from '../itemRun';
import { checkFirstFrame } from '../../parameters/imageCheck';
import { checkImageLinkOption, optionsCollection, readOptions } from '../../parameters/options';
import { outputFields, readOutputMode } from '../../parameters/outputFields';
import { taskFields } from '../../parameters/taskFields';
import { etaOf, learnedKind, submitted as recordSubmit } from '../../polling/learnedDurations';
import { modelField, readModel } from '../../parameters/taskReference';
import { simplifySubmit } from './simplify';
import { markResumed, submitOrResume } from './submitOrResume';
import { toolDescriptionField } from '../../parameters/toolDescription';

const properties: INodeProperties[] = [
	toolDescriptionField('submit'),
	modelField,
	...taskFields,
	...outputFields,
	optionsCollection(checkImageLinkOption),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['video'], operation: ['submit'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: ItemRun,
): Promise<INodeExecutionData[]> {
	const model = readModel(this, itemIndex);
	const body = await readSubmitBody(this, itemIndex);
	const output = readOutputMode(this, itemIndex);
	const { checkImageLink } = readOptions(this, itemIndex);
	const kind = learnedKind(this, run.client.baseUrl, model, body);
	const imageCheck = { enabled: checkImageLink, requestTimeoutMs: run.client.timeoutMs, signal: run.signal };
	const task = await submitOrResume(this, run, model, body, itemIndex, async () => await checkFirstFrame(this, itemIndex, body, imageCheck));
	const { submitted } = task;
	run.trackTask(submitted.request_id, 'running');
	// A resumed task keeps the age it had: its ETA counts from its first submit.
	const eta = task.resumed ? etaOf(submitted.request_id, null) : recordSubmit(submitted.request_id, kind);
	const json = markResumed(output === 'simplified' ? simplifySubmit(submitted, eta) : { ...submitted, eta_seconds: eta }, task);
	return [{ json: { ...json, image_check: task.imageCheck }, pairedItem: { item: itemIndex } }];
}
