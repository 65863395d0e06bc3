import { afterAll, describe, expect, it } from 'vitest';

import { PLAYABLE_CLIP } from '../../simulator/server.mjs';
import { readMp4 } from '../../harness/mp4';
import { runDemo } from './demoRun.mjs';
import { readBytes, removeFolder, tempFolder } from './files.mjs';

describe('npm run demo', () => {
	const outputFolder = tempFolder('odirouter-demo-');
	afterAll(() => removeFolder(outputFolder));

	it('ends with a video any player opens: an H.264 MP4 with a video track of non-zero duration', async () => {
		const demo = await runDemo(outputFolder);
		expect(demo.code, `${demo.stdout}\n${demo.stderr}`).toBe(0);
		expect(demo.videoPath?.startsWith(`${outputFolder}/`)).toBe(true);

		const video = readMp4(readBytes(String(demo.videoPath)) ?? Buffer.alloc(0));
		expect(video.topLevel[0]).toBe('ftyp');
		expect(video.topLevel).toEqual(expect.arrayContaining(['moov', 'mdat']));
		expect(video.tracks).toHaveLength(1);
		expect(video.tracks[0]).toMatchObject({ handler: 'vide', codec: 'avc1', width: PLAYABLE_CLIP.width, height: PLAYABLE_CLIP.height });
		expect(video.tracks[0].durationSeconds).toBeGreaterThan(0);
		expect(video.tracks[0].samples).toBeGreaterThan(1);
		expect(video.mdatBytes).toBeGreaterThan(0);
	});
});
