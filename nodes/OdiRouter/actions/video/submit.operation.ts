import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { checkFirstFrame } from '../../parameters/imageCheck';
import { checkImageLinkOption, optionsCollection, readOptions } from '../../parameters/options';
import { outputFields, readOutputMode } from '../../parameters/outputFields';
import { readSubmitBody } from '../../parameters/submitInput';
import { taskFields } from '../../parameters/taskFields';
import { modelField, readModel } from '../../parameters/taskReference';
import { toolDescriptionField } from '../../parameters/toolDescription';
import { etaOf, learnedKind, submitted as recordSubmit } from '../../polling/learnedDurations';
import type { ItemRun } from '../itemRun';
import { shownFor } from './shownFor';
import { simplifySubmit } from './simplify';
import { submitOrResume, withTaskFacts } from './submitOrResume';

export const description = shownFor('submit', [
	toolDescriptionField('submit'),
	modelField,
	...taskFields,
	...outputFields,
	optionsCollection(checkImageLinkOption),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, run: ItemRun): Promise<INodeExecutionData[]> {
	const model = readModel(this, itemIndex);
	const body = await readSubmitBody(this, itemIndex);
	const output = readOutputMode(this, itemIndex);
	const { checkImageLink } = readOptions(this, itemIndex);
	const taskKind = learnedKind(this, run.client.baseUrl, model, body);
	const imageCheck = { enabled: checkImageLink, requestTimeoutMs: run.client.timeoutMs, signal: run.signal };
	const task = await submitOrResume(this, run, model, body, itemIndex, async () => await checkFirstFrame(this, itemIndex, body, imageCheck));
	try {
		const { submitted } = task;
		run.trackTask(submitted.request_id, 'running');
		// A resumed task keeps the age it had: its ETA counts from its first submit.
		const eta = task.resumed ? etaOf(submitted.request_id, null, run.waitClock) : recordSubmit(submitted.request_id, taskKind, run.waitClock);
		const json = output === 'simplified' ? simplifySubmit(submitted, eta) : { ...submitted, eta_seconds: eta };
		task.delivered();
		return [{ json: withTaskFacts(json, task), pairedItem: { item: itemIndex } }];
	} finally {
		task.release();
	}
}
