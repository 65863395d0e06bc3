import { ExecuteContext } from 'n8n-core';
import type { Logger } from 'n8n-workflow';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';

import type { Simulator } from '../../simulator/server.mjs';
import { startSimulator } from '../../simulator/server.mjs';
import { dataUrl, png } from '../../harness/images';
import { runNode } from '../../harness/runNode';

let sim: Simulator;
const image = dataUrl(png(1280, 720));
const LOGGED_RUN_BEARER = ['log', 'check', '5e1d'].join('-');

/** The logger n8n gives the node (`this.logger`), replaced by one that records its calls. */
function recordLogger() {
	const info = vi.fn<Logger['info']>();
	const logger: Logger = { info, debug: vi.fn(), warn: vi.fn(), error: vi.fn() };
	vi.spyOn(ExecuteContext.prototype, 'logger', 'get').mockReturnValue(logger as never);
	return info;
}

beforeEach(async () => {
	sim = await startSimulator({ queuedPolls: 0, runningPolls: 0, apiKey: LOGGED_RUN_BEARER });
});

afterEach(async () => {
	await sim.close();
});

it('logs every accepted submit through n8n’s logger with request ID, execution, node and item, never the key', async () => {
	const info = recordLogger();
	const { items, error } = await runNode({
		parameters: { operation: 'submit', imageUrl: image },
		items: [{ json: {} }, { json: {} }],
		credentials: { apiKey: sim.apiKey, baseUrl: sim.baseUrl },
		executionId: 'exec-test',
	});
	expect(error).toBeNull();
	const lines = info.mock.calls.filter(([message]) => message.startsWith('OdiRouter task submitted'));
	expect(lines).toHaveLength(2);
	for (const [index, item] of items.entries()) {
		const requestId = item.json.request_id as string;
		const line = lines.find(([message]) => message.includes(requestId));
		expect(line?.[0]).toBe(`OdiRouter task submitted: request_id ${requestId}, execution exec-test, node "OdiRouter", item ${index}`);
		expect(line?.[1]).toEqual({ requestId, executionId: 'exec-test', nodeName: 'OdiRouter', itemIndex: index });
	}
	expect(JSON.stringify(info.mock.calls)).not.toContain(sim.apiKey);
});

it('logs nothing when the submit is refused', async () => {
	const info = recordLogger();
	sim.inject('submit', { status: 422, body: { detail: 'bad' } });
	const { error } = await runNode({
		parameters: { operation: 'submit', imageUrl: image },
		credentials: { apiKey: sim.apiKey, baseUrl: sim.baseUrl },
	});
	expect(error).not.toBeNull();
	expect(info.mock.calls.filter(([message]) => message.startsWith('OdiRouter task submitted'))).toHaveLength(0);
});
