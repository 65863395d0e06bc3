import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

export const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['video'] } },
	options: [
		{
			name: 'Cancel',
			value: 'cancel',
			action: 'Cancel a video task',
			description: 'Stop a queued or running task (and its billing)',
		},
		{
			name: 'Get Result',
			value: 'getResult',
			action: 'Get the result of a video task',
			description: 'Get the video URL and, optionally, the video file',
		},
		{
			name: 'Get Status',
			value: 'getStatus',
			action: 'Get the status of a video task',
			description: 'Check whether a task is queued, running or finished',
		},
		{
			name: 'Submit',
			value: 'submit',
			action: 'Submit a video task',
			description: 'Start a video from an image and return its request ID at once',
		},
		{
			name: 'Submit and Wait',
			value: 'submitAndWait',
			action: 'Submit a video task and wait for the video',
			description: 'Start a video, wait until it is ready and return it',
		},
	],
	default: 'submitAndWait',
};

/** Right under the Operation it is about, not between Resource and Operation. */
export const retryOnFailNotice: INodeProperties = {
	displayName:
		'n8n\'s Retry On Fail setting re-runs a Submit without paying twice: a task already accepted in this run is resumed (output resumed: true); only an item whose submit failed, or whose task failed or was cancelled, starts a new, billed task. As an agent\'s tool each try is a new run and submits again.',
	name: 'retryNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { resource: ['video'], operation: ['submit', 'submitAndWait'] } },
};

export function readOperation(ctx: IExecuteFunctions): string {
	return String(ctx.getNodeParameter(operationField.name, 0));
}
