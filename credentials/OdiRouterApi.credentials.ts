import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { DEFAULT_MODEL } from '../nodes/OdiRouter/transport/types';
import { DEFAULT_BASE_URL } from '../nodes/OdiRouter/transport/urls';

/** A request id that no task can have: asking for its status costs nothing and creates no task. */
export const CREDENTIAL_TEST_REQUEST_ID = 'n8n-credential-test';

export class OdiRouterApi implements ICredentialType {
	name = 'odiRouterApi';

	displayName = 'OdiRouter API';

	icon: Icon = { light: 'file:../icons/odirouter.svg', dark: 'file:../icons/odirouter.dark.svg' };

	documentationUrl = 'https://github.com/odirouter/n8n-nodes-odirouter#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Your OdiRouter API key, sent as a bearer token',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			placeholder: `e.g. ${DEFAULT_BASE_URL}`,
			description:
				'Root of the OdiRouter queue API. Change it only for a proxy or a local simulator.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	// A good key gets 404 (unknown task), a bad one 401/403: a 404 must count as success here.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: `/v1/queue/${DEFAULT_MODEL}/requests/${CREDENTIAL_TEST_REQUEST_ID}/status`,
			method: 'GET',
			ignoreHttpStatusErrors: { ignore: true, except: [401, 403, 500, 502, 503, 504] },
		},
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: 'The API key was rejected (401). Check the key in your OdiRouter account.' },
			},
			{
				type: 'responseCode',
				properties: { value: 403, message: 'The API key has no access to this API (403).' },
			},
		],
	};
}
