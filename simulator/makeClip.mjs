// @ts-check
// Makes the simulator's playable video, simulator/clips/push-in.mp4, from the sample first
// frame with ffmpeg (Debian: apt-get install ffmpeg): the camera pushes in, the move example 1's
// prompt names. The clip is committed, so the demo needs no ffmpeg; run this only to change it:
// `node simulator/makeClip.mjs`.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { PLAYABLE_CLIP } from './server.mjs';

const sampleImage = fileURLToPath(new URL('../examples/first-frame.png', import.meta.url));
const { path, seconds, width, height, fps } = PLAYABLE_CLIP;
const frames = seconds * fps;
// zoompan on a 4× upscale: at the clip's own size each zoom step rounds to whole pixels and jitters.
const pushIn = `scale=${width * 4}:-1,zoompan=z='1+0.25*on/${frames - 1}':x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':d=1:s=${width}x${height}:fps=${fps},format=yuv420p`;

execFileSync('ffmpeg', [
	'-v', 'error', '-y', '-loop', '1', '-i', sampleImage, '-vf', pushIn, '-frames:v', String(frames),
	'-c:v', 'libx264', '-preset', 'slow', '-crf', '28', '-profile:v', 'high', '-movflags', '+faststart', '-an', path,
], { stdio: 'inherit' });
process.stdout.write(`${path}\n`);
