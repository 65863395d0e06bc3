import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { OdiRouterApi } from '../../credentials/OdiRouterApi.credentials';
import type { Simulator } from '../../simulator/server.mjs';
import { startSimulator } from '../../simulator/server.mjs';
import { testCredential } from '../../harness/credentialTest';

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator();
});

afterAll(async () => {
	await sim.close();
});

describe('OdiRouter API credential', () => {
	it('keeps the key in a password field and sends it as a bearer token', () => {
		const credential = new OdiRouterApi();
		const apiKey = credential.properties.find((property) => property.name === 'apiKey');
		expect(apiKey?.typeOptions?.password).toBe(true);
		expect(apiKey?.required).toBe(true);
		expect(credential.properties.find((property) => property.name === 'baseUrl')?.default).toBe('https://odirouter.ai/model');
		expect(credential.authenticate.properties.headers?.Authorization).toBe('=Bearer {{$credentials.apiKey}}');
	});

	it('accepts a good key without creating a task', async () => {
		const before = sim.log.length;
		const outcome = await testCredential({ apiKey: sim.apiKey, baseUrl: sim.baseUrl });
		expect(outcome).toEqual({ status: 'OK', message: 'Connection successful!' });
		const requests = sim.log.slice(before);
		expect(requests.map((entry) => `${entry.method} ${entry.kind}`)).toEqual(['GET status']);
		expect(requests[0].auth).toBe(`Bearer ${sim.apiKey}`);
		expect(sim.count('submit')).toBe(0);
	});

	it('accepts a Base URL with a trailing slash', async () => {
		const outcome = await testCredential({ apiKey: sim.apiKey, baseUrl: `${sim.baseUrl}/` });
		expect(outcome.status).toBe('OK');
	});

	it('rejects a wrong key with a message that says so', async () => {
		const outcome = await testCredential({ apiKey: 'not-the-right-key', baseUrl: sim.baseUrl });
		expect(outcome.status).toBe('Error');
		expect(outcome.message).toContain('API key was rejected (401)');
	});

	it('reports a server error instead of passing', async () => {
		sim.inject('status', { status: 503 }, [sim.count('status') + 1]);
		const outcome = await testCredential({ apiKey: sim.apiKey, baseUrl: sim.baseUrl });
		expect(outcome.status).toBe('Error');
		sim.clearFaults();
	});

	it('reports an unreachable Base URL', async () => {
		const outcome = await testCredential({ apiKey: sim.apiKey, baseUrl: 'http://127.0.0.1:9/model' });
		expect(outcome.status).toBe('Error');
	});
});
