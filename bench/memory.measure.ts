import { it } from 'vitest';

import { startSimulator } from '../scripts/simulator/server.mjs';
import { runNode } from '../test/harness/runNode';
import { collectGarbage, record, startRssSampling } from './probe.mjs';

const VIDEO_MB = 200;

it('stores a 200 MB video through Get Result', { timeout: 300_000 }, async () => {
	const sim = await startSimulator({ queuedPolls: 0, runningPolls: 0, videoBytes: VIDEO_MB * 1048576 });
	try {
		const credentials = { apiKey: sim.apiKey, baseUrl: sim.baseUrl };
		const submitted = await runNode({ parameters: { operation: 'submit', imageUrl: `${sim.origin}/images/1280x720.png` }, credentials });
		const requestId = submitted.items[0].json.request_id as string;
		sim.finish(requestId);
		// Warm-up on a small task so that module loading does not count as growth.
		await runNode({ parameters: { operation: 'getResult', requestId, downloadVideo: false }, credentials });
		collectGarbage();
		const sampling = startRssSampling();
		const { items, error } = await runNode({ parameters: { operation: 'getResult', requestId }, credentials });
		const growth = sampling.stop();
		if (error || items[0].binary?.data?.bytes !== sim.video.length) throw new Error(`download failed: ${error?.message}`);
		record('memory.videoMB', VIDEO_MB);
		record('memory.mode', items[0].binary.data.id ? 'filesystem' : 'memory');
		record('memory.peakRssGrowthMB', growth);
	} finally {
		await sim.close();
	}
});
