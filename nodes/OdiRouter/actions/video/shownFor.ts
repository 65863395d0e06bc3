import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

/** An operation's parameters, shown in the editor only when that operation is chosen. */
export function shownFor(operation: string, properties: INodeProperties[]): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: ['video'], operation: [operation] } }, properties);
}
