import type { INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TOOL_DESCRIPTIONS } from '../../nodes/OdiRouter/parameters/toolDescription';
import { odiRouterCredential } from '../../scripts/n8n/examples.mjs';
import type { N8nServer } from '../../scripts/n8n/instance.mjs';
import { packOurPackage } from '../../scripts/n8n/pack.mjs';
import type { RestClient } from '../../scripts/n8n/rest.mjs';
import { setUpOwner } from '../../scripts/n8n/rest.mjs';
import type { E2eSuite } from './suite';
import { REJECTED_BEARER, requestsSince, startSuite } from './suite';

// n8n's server, as the editor talks to it: our node type and icon are served, and the credential's
// Test button (POST /rest/credentials/test) runs our credential test.
describe('the editor of a real n8n', () => {
	let suite: E2eSuite;
	let server: N8nServer;
	let rest: RestClient;

	beforeAll(async () => {
		suite = await startSuite({});
		server = await suite.n8n.startServer();
		rest = await setUpOwner(server.url);
	});
	afterAll(async () => {
		await server?.stop();
		await suite?.close();
	});

	async function testCredential(apiKey: string) {
		const credential = odiRouterCredential({ apiKey, baseUrl: suite.sim.baseUrl });
		return rest.post('/credentials/test', { credentials: credential });
	}

	it('loads the package as npm pack makes it: compiled code, icons, README and licence only', () => {
		const files = packOurPackage().files;
		expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'dist/nodes/OdiRouter/OdiRouter.node.js', 'dist/icons/odirouter.svg']));
		const outside = files.filter((file) => !/^dist\/(nodes|credentials|icons)\//.test(file));
		expect(outside.sort()).toEqual(['LICENSE.md', 'README.md', 'dist/LICENSE.md', 'dist/package.json', 'package.json']);
		expect(files.filter((file) => file.endsWith('.png'))).toEqual([]);
	});

	it('lists the OdiRouter node with its icon and operations', async () => {
		const types = (await (await rest.get('/types/nodes.json')).json()) as INodeTypeDescription[];
		const ours = types.find((type) => type.name === 'n8n-nodes-odirouter.odiRouter');
		expect(ours?.displayName).toBe('OdiRouter');
		expect(ours?.credentials).toEqual([expect.objectContaining({ name: 'odiRouterApi', required: true })]);
		const operation = ours?.properties.find((property) => property.name === 'operation');
		const operationValues = (operation?.options as INodePropertyOptions[]).map((option) => String(option.value));
		// n8n itself adds "Custom API Call" to nodes whose credential has a generic authenticate block.
		expect(operationValues.sort()).toEqual(['__CUSTOM_API_CALL__', 'cancel', 'getResult', 'getStatus', 'submit', 'submitAndWait']);

		const iconPath = typeof ours?.iconUrl === 'string' ? ours.iconUrl : ours?.iconUrl?.light;
		const icon = await rest.get(`/${String(iconPath)}`);
		expect(icon.status).toBe(200);
		expect(await icon.text()).toContain('<svg');
	});

	it('lists the tool variant n8n generates, with our tool descriptions and tool-only defaults', async () => {
		const types = (await (await rest.get('/types/nodes.json')).json()) as INodeTypeDescription[];
		const tool = types.find((type) => type.name === 'n8n-nodes-odirouter.odiRouterTool');
		expect(tool?.displayName).toBe('OdiRouter Tool');
		expect(tool?.outputs).toEqual(['ai_tool']);
		// usableAsTool.replacements reaches the editor's description of the tool.
		expect(tool?.description).toMatch(/^Let an AI agent make a 6 or 10 second video/);
		const named = (name: string) => tool?.properties.filter((property) => property.name === name) ?? [];
		// The node defines toolDescription, so n8n adds no "Tool Description: Set Automatically" choice.
		expect(named('descriptionType')).toEqual([]);
		expect(named('toolDescription').map((property) => property.default).sort()).toEqual(Object.values(TOOL_DESCRIPTIONS).sort());
		const toolDefault = (name: string) => named(name).find((property) => property.displayOptions?.show?.['@tool'])?.default;
		expect(toolDefault('downloadVideo')).toBe(false);
		expect(toolDefault('output')).toBe('simplified');
	});

	it('the credential test says OK for the right key, with one status request and no task created', async () => {
		const mark = suite.sim.log.length;
		const answer = await testCredential(suite.sim.apiKey);
		expect(answer.status).toBe(200);
		expect(answer.body.data).toEqual({ status: 'OK', message: 'Connection successful!' });
		const sent = requestsSince(suite.sim, mark);
		expect(sent.map((entry) => [entry.method, entry.auth])).toEqual([['GET', `Bearer ${suite.sim.apiKey}`]]);
		expect(sent[0].path).toMatch(/\/requests\/[^/]+\/status$/);
		expect(suite.sim.tasks.size).toBe(0);
	});

	it('the credential test reports an error for a wrong key, without echoing the key', async () => {
		const answer = await testCredential(REJECTED_BEARER);
		expect(answer.status).toBe(200);
		expect(answer.body.data.status).toBe('Error');
		expect(answer.body.data.message).toMatch(/401|API key|authoriz/i);
		expect(JSON.stringify(answer.body)).not.toContain(REJECTED_BEARER);
		expect(suite.sim.tasks.size).toBe(0);
	});
});
