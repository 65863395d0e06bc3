import { sleep } from 'n8n-workflow';
import { it } from 'vitest';

import { odiRouterCredential } from '../scripts/n8n/examples.mjs';
import type { QueueMode } from '../scripts/n8n/queue.mjs';
import { startQueueMode } from '../scripts/n8n/queue.mjs';
import { startSimulator } from '../simulator/server.mjs';
import type { Simulator } from '../simulator/server.mjs';
import { codeNode, linearWorkflow, odiRouterNode } from '../harness/workflows';
import { startProcessRssSampling } from './memorySampler.mjs';
import { record } from './probe.mjs';

const VIDEO_MB = 200;
const MODES = ['database', 'filesystem'] as const;

/** Webhook → Get Result (Download Video as the call says) → what n8n stored: size and where. */
const getResult = linearWorkflow('OdiRouterBench01', 'Bench: Get Result in a queue-mode worker', [
	{
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: 'odirouter-bench-result',
		parameters: { httpMethod: 'POST', path: 'odirouter-bench-result', responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} },
	},
	odiRouterNode('Get Result', { operation: 'getResult', requestId: '={{ $json.body.request_id }}', downloadVideo: '={{ $json.body.download }}' }),
	codeNode('Stored', 'const binary = $input.first().binary?.data; return [{ json: { bytes: binary?.bytes ?? null, id: binary?.id ?? null } }];'),
]);

async function finishedTask(sim: Simulator): Promise<string> {
	const response = await fetch(`${sim.baseUrl}/v1/queue/minimax_hailuo_23_fast_i2v`, {
		method: 'POST',
		headers: { authorization: `Bearer ${sim.apiKey}`, 'content-type': 'application/json' },
		body: JSON.stringify({ first_frame_image: 'https://example.com/first-frame.png' }),
	});
	const { request_id: requestId } = (await response.json()) as { request_id: string };
	sim.finish(requestId);
	return requestId;
}

async function getResultIn(queue: QueueMode, requestId: string, download: boolean) {
	const answer = await queue.webhook('odirouter-bench-result', { request_id: requestId, download });
	if (answer.status !== 200) throw new Error(`Get Result answered ${answer.status}: ${await answer.text()}`);
	return (await answer.json()) as { bytes: number | null; id: string | null };
}

it('stores a 200 MB video in a queue-mode worker, in database and filesystem binary modes', { timeout: 900_000 }, async () => {
	const sim = await startSimulator({ videoBytes: VIDEO_MB * 1048576 });
	let queue: QueueMode | undefined;
	try {
		queue = await startQueueMode({ credentials: [odiRouterCredential({ apiKey: sim.apiKey, baseUrl: sim.baseUrl })], workflows: [getResult], workers: 0 });
		const requestId = await finishedTask(sim);
		record('memory.worker.videoMB', VIDEO_MB);
		for (const mode of MODES) {
			const worker = await queue.startWorker({ N8N_DEFAULT_BINARY_DATA_MODE: mode });
			// Warm-up without the video, so loading the node and n8n's code paths is not counted.
			await getResultIn(queue, requestId, false);
			await sleep(2000);
			const sampling = startProcessRssSampling(worker.pid);
			const stored = await getResultIn(queue, requestId, true);
			const growth = sampling.stop();
			if (stored.bytes !== sim.video.length || !stored.id?.startsWith(mode)) {
				throw new Error(`the ${mode} worker stored ${JSON.stringify(stored)}, not ${sim.video.length} bytes in ${mode} mode`);
			}
			record(`memory.worker.${mode}.peakRssGrowthMB`, growth);
			await worker.stop();
		}
	} finally {
		await queue?.stop();
		await sim.close();
	}
});
