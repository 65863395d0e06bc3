import { expect, it } from 'vitest';

import { startSimulator } from '../../../simulator/server.mjs';
import { dataUrl, png } from '../../../harness/images';
import { runNode } from '../../../harness/runNode';

// The fault matrix and the retry tables run the pauses in virtual time; this one is real.
it('really waits what the server asks in Retry-After before trying again', async () => {
	const sim = await startSimulator();
	try {
		const credentials = { apiKey: sim.apiKey, baseUrl: sim.baseUrl };
		const submitted = await runNode({ parameters: { operation: 'submit', imageUrl: dataUrl(png(1280, 720)) }, credentials });
		sim.inject('status', { status: 429, retryAfter: '1' }, [1]);
		const { items, error } = await runNode({ parameters: { operation: 'getStatus', requestId: submitted.items[0].json.request_id }, credentials });
		expect(error).toBeNull();
		expect(items[0].json.request_id).toBe(submitted.items[0].json.request_id);
		const calls = sim.log.filter((entry) => entry.kind === 'status');
		expect(calls).toHaveLength(2);
		expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(1000);
	} finally {
		await sim.close();
	}
});
