// @ts-check
// `npm run demo`: example 1 (image file → Submit and Wait → video file) in a real n8n, against the
// local simulator, or the real API when ODIROUTER_API_KEY is set. Prints the video's path and times.
import { demoOutputFolder, runImageToVideo } from '../scripts/n8n/imageToVideo.mjs';
import { startSession } from '../scripts/n8n/session.mjs';

const started = Date.now();
const session = await startSession({
	fileAccess: [demoOutputFolder],
	// The simulator answers with a real H.264 clip of the sample image (the camera pushing in).
	simulator: { durationMs: 4000, playableVideo: true },
});
try {
	if (!(await runImageToVideo(session, demoOutputFolder, started))) process.exitCode = 1;
} finally {
	await session.close();
}
