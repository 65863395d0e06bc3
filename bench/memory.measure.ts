import { it } from 'vitest';

import { runNode } from '../harness/runNode';
import { collectGarbage, record, startRssSampling } from './probe.mjs';
import { startSimulatorProcess } from './simulatorProcess.mjs';

const VIDEO_MB = 200;

it('stores a 200 MB video through Get Result, the simulator in another process', { timeout: 300_000 }, async () => {
	// Tasks end at once (durationMs 0); the video is served from the other process's memory.
	const sim = await startSimulatorProcess({ durationMs: 0, videoBytes: VIDEO_MB * 1048576 });
	try {
		const credentials = { apiKey: sim.apiKey, baseUrl: sim.baseUrl };
		const submitted = await runNode({ parameters: { operation: 'submit', imageUrl: `${sim.origin}/images/1280x720.png` }, credentials });
		const requestId = submitted.items[0].json.request_id as string;
		// Warm-up without the video, so that loading modules does not count as growth.
		await runNode({ parameters: { operation: 'getResult', requestId, downloadVideo: false }, credentials });
		collectGarbage();
		const sampling = startRssSampling();
		const { items, error } = await runNode({ parameters: { operation: 'getResult', requestId }, credentials });
		const growth = sampling.stop();
		if (error || items[0].binary?.data?.bytes !== sim.videoBytes) throw new Error(`download failed: ${error?.message}`);
		record('memory.videoMB', VIDEO_MB);
		record('memory.mode', items[0].binary.data.id ? 'filesystem' : 'memory');
		record('memory.peakRssGrowthMB', growth);
	} finally {
		await sim.close();
	}
});
