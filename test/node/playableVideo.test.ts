import { afterEach, describe, expect, it } from 'vitest';

import type { Simulator } from '../../simulator/server.mjs';
import { fakeMp4, PLAYABLE_CLIP, startSimulator } from '../../simulator/server.mjs';
import { dataUrl, png } from '../../harness/images';
import { readMp4 } from '../../harness/mp4';
import { binaryBytes, runNode } from '../../harness/runNode';

let sim: Simulator | null = null;

afterEach(async () => {
	await sim?.close();
	sim = null;
});

describe("the simulator's playable video (what npm run demo writes)", () => {
	it('reaches the node as an H.264 MP4 a player opens: ftyp, moov with a video track of non-zero duration, mdat', async () => {
		sim = await startSimulator({ durationMs: 0, playableVideo: true });
		const credentials = { apiKey: sim.apiKey, baseUrl: sim.baseUrl };
		const submitted = await runNode({ parameters: { operation: 'submit', imageUrl: dataUrl(png(1024, 576)), cameraMovements: ['推进'] }, credentials });
		const requestId = String(submitted.items[0].json.request_id);
		const { items, error } = await runNode({ parameters: { operation: 'getResult', requestId }, credentials });
		expect(error).toBeNull();

		const video = readMp4(await binaryBytes(items[0].binary?.data));
		expect(video.topLevel[0]).toBe('ftyp');
		// The movie box before the media data: a player can start while the file still downloads.
		expect(video.topLevel.indexOf('moov')).toBeGreaterThan(0);
		expect(video.topLevel.indexOf('mdat')).toBeGreaterThan(video.topLevel.indexOf('moov'));
		expect(video.majorBrand).toBe('isom');
		expect(video.tracks).toEqual([
			{ handler: 'vide', codec: 'avc1', width: PLAYABLE_CLIP.width, height: PLAYABLE_CLIP.height, durationSeconds: PLAYABLE_CLIP.seconds, samples: PLAYABLE_CLIP.seconds * PLAYABLE_CLIP.fps },
		]);
		expect(video.mdatBytes).toBeGreaterThan(10_000);
		// The result the node outputs describes that file, not a made-up one.
		expect(items[0].json).toMatchObject({ duration: PLAYABLE_CLIP.seconds, width: PLAYABLE_CLIP.width, height: PLAYABLE_CLIP.height, file_size: sim.video.length });
	});

	it('is told apart from the filler body the benchmarks use, which has no movie box', () => {
		const filler = readMp4(fakeMp4(64 * 1024));
		expect(filler.topLevel[0]).toBe('ftyp');
		expect(filler.tracks).toEqual([]);
		expect(filler.topLevel).not.toContain('moov');
		expect(() => readMp4(Buffer.from('not an mp4 at all, just text'))).toThrow(/claims/);
	});
});
