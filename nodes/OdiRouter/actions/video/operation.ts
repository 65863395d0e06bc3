import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemRun } from '../itemRun';

/** What an operation does for one item: its output items (a failure throws, with the request ID when there is one). */
export type VideoOperation = (this: IExecuteFunctions, itemIndex: number, run: ItemRun) => Promise<INodeExecutionData[]>;

/** An operation's parameters, shown in the editor only when that operation is chosen. */
export function shownFor(operation: string, properties: INodeProperties[]): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: ['video'], operation: [operation] } }, properties);
}
