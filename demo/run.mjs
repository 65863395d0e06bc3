// @ts-check
// `npm run demo`: example 1 (image file → Submit and Wait → video file) in a real n8n, against the
// local simulator, or the real API when ODIROUTER_API_KEY is set. Prints the video's path and times.
import { resolve } from 'node:path';

import { examplesFolder } from '../scripts/n8n/examples.mjs';
import { runImageToVideo } from '../scripts/n8n/imageToVideo.mjs';
import { startSession } from '../scripts/n8n/session.mjs';

const started = Date.now();
const outputFolder = resolve(process.env.DEMO_OUTPUT ?? 'demo-output');
const session = await startSession({
	fileAccess: [outputFolder, examplesFolder],
	simulator: { durationMs: 4000, videoBytes: 512 * 1024 },
});
try {
	if (!(await runImageToVideo(session, outputFolder, started))) process.exitCode = 1;
} finally {
	await session.close();
}
