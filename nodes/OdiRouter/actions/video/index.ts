import type { INodeProperties } from 'n8n-workflow';

import { operationField, retryOnFailNotice } from '../../parameters/operationField';
import * as cancel from './cancel.operation';
import * as getResult from './getResult.operation';
import * as getStatus from './getStatus.operation';
import * as submit from './submit.operation';
import * as submitAndWait from './submitAndWait.operation';

export const operations = { submit, getStatus, getResult, cancel, submitAndWait };

export const description: INodeProperties[] = [
	operationField,
	retryOnFailNotice,
	...submit.description,
	...getStatus.description,
	...getResult.description,
	...cancel.description,
	...submitAndWait.description,
];
