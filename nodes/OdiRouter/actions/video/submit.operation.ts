import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readSubmitBody } from '../../parameters/submitInput';
import type { ItemRun } from '../itemRun';
import { optionsCollection, modelField, outputFields, taskFields } from '../../parameters/fields';
import { checkFirstFrame, checkImageLinkOption } from '../../parameters/imageCheck';
import { etaOf, learnedKind, submitted as recordSubmit } from '../../polling/learnedDurations';
import { readModel } from '../../parameters/taskReference';
import { readOutputMode } from './resultOutput';
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
	const kind = learnedKind(this, run.client.baseUrl, model, body);
	const task = await submitOrResume(this, run, model, body, itemIndex, async () => await checkFirstFrame(this, itemIndex, body, run));
	const { submitted } = task;
	run.trackTask(submitted.request_id, 'running');
	// A resumed task keeps the age it had: its ETA counts from its first submit.
	const eta = task.resumed ? etaOf(submitted.request_id, null, run.waitClock) : recordSubmit(submitted.request_id, kind, run.waitClock);
	const json = markResumed(output === 'simplified' ? simplifySubmit(submitted, eta) : { ...submitted, eta_seconds: eta }, task);
	return [{ json: { ...json, image_check: task.imageCheck }, pairedItem: { item: itemIndex } }];
}
