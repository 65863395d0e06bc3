import { it } from 'vitest';

import { startSimulator } from '../test/simulator/server.mjs';
import { binaryItem } from '../test/harness/items';
import { binaryBytes, runNode } from '../test/harness/runNode';
import { realApiKey, report, samplePng, writeVideo } from './files.mjs';

it('turns the sample image into a video with Submit and Wait', { timeout: 900_000 }, async () => {
	const apiKey = realApiKey();
	const sim = apiKey ? null : await startSimulator({ durationMs: 4000, videoBytes: 512 * 1024 });
	const credentials = sim
		? { apiKey: sim.apiKey, baseUrl: sim.baseUrl }
		: { apiKey, baseUrl: 'https://odirouter.ai/model' };
	report(sim ? `Local OdiRouter simulator at ${sim.baseUrl} (no API key needed)` : 'Real OdiRouter API (ODIROUTER_API_KEY is set)');
	const started = Date.now();
	try {
		const { items, error } = await runNode({
			parameters: {
				operation: 'submitAndWait',
				imageSource: 'binary',
				prompt: 'The colours slowly swirl like ink in water',
				cameraMovements: ['推进'],
				options: { pollInterval: 1 },
			},
			items: [binaryItem(samplePng(), 'sample.png', 'image/png')],
			credentials,
		});
		if (error) throw new Error(`${error.message} ${error.description ?? ''}`);
		const video = items[0].binary?.data;
		const path = writeVideo(video?.fileName ?? 'video.mp4', await binaryBytes(video));
		report(`Request ID ${String(items[0].json.request_id)}: status ${String(items[0].json.status)}`);
		report(`Video written to ${path} (${video?.bytes} bytes, ${video?.mimeType}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	} finally {
		await sim?.close();
	}
});
