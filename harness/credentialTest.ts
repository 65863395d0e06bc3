import { RoutingNode } from 'n8n-core';
import type { ICredentialsDecrypted, INode, INodeType } from 'n8n-workflow';

import { OdiRouterApi } from '../credentials/OdiRouterApi.credentials';
import { buildContext } from './runNode';

export interface CredentialTestOutcome {
	status: 'OK' | 'Error';
	message: string;
}

/**
 * The editor's "Test" button, as n8n's CredentialsTester runs a credential's `test` request
 * (packages/cli/src/services/credentials-tester.service.ts): a temporary node whose only property
 * routes the test request through n8n-core's RoutingNode, then the same rule evaluation.
 */
export async function testCredential(data: { apiKey: string; baseUrl: string }): Promise<CredentialTestOutcome> {
	const credentialType = new OdiRouterApi();
	const { request, rules } = credentialType.test;
	const nodeType: INodeType = {
		description: {
			displayName: 'Temp',
			name: 'temp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: [],
			outputs: [],
			credentials: [{ name: credentialType.name, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request }, default: '' }],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'temp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [credentialType.name]: { id: 'cred-1', name: 'test' } },
	};
	const credentials: ICredentialsDecrypted = { id: 'cred-1', name: 'test', type: credentialType.name, data };
	const context = buildContext({ nodeType, node, credentials: data, items: [{ json: {} }], abort: new AbortController(), mode: 'internal' });
	try {
		await new RoutingNode(context, nodeType, credentials).runNode();
	} catch (error) {
		const response = (error as { cause?: { response?: { status: number; statusText?: string } } }).cause?.response;
		if (response) {
			for (const rule of rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === response.status) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (response.status < 199 || response.status > 299) {
				return { status: 'Error', message: response.statusText || `Received HTTP status code: ${response.status}` };
			}
		}
		return { status: 'Error', message: (error as Error).message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
