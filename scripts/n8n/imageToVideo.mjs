// @ts-check
// Example 1 (image file → Submit and Wait → video file) run once in a session's n8n, with a report
// of where the video went and how long it took: the demo, and the first thing `npm start` does.
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { imageFileToVideo, sampleImagePath } from './examples.mjs';
import { say } from './session.mjs';

/** Where the demo and `npm start` put the sample image and the video. */
export const demoOutputFolder = resolve(process.env.DEMO_OUTPUT ?? 'demo-output');

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Copies the sample image into `outputFolder`; example 1 reads it from there. */
function prepareImageToVideo(outputFolder) {
	mkdirSync(outputFolder, { recursive: true });
	const imagePath = join(outputFolder, 'first-frame.png');
	copyFileSync(sampleImagePath, imagePath);
	return imageFileToVideo({ imagePath, videoFolder: outputFolder });
}

/**
 * @param {{ n8n: import('./instance.mjs').N8nInstance }} session
 * @param {string} outputFolder
 * @param {number} started when the command started, for the total time
 * @returns {Promise<boolean>} whether a video was written
 */
export async function runImageToVideo(session, outputFolder, started) {
	const workflow = prepareImageToVideo(outputFolder);
	await session.n8n.importWorkflow(workflow);
	say(`Running "${workflow.name}" in n8n on ${join(outputFolder, 'first-frame.png')} ...`);
	const runStarted = Date.now();
	const result = await session.n8n.execute(workflow.id);
	const runTime = seconds(runStarted);
	const runData = result.run?.data?.resultData?.runData ?? {};
	const written = runData['Write Video']?.[0]?.data?.main?.[0]?.[0]?.json?.fileName;
	if (!result.ok || typeof written !== 'string') {
		const error = result.run?.data?.resultData?.error;
		const why = error ? `${error.node?.name ?? 'a node'}: ${error.message} ${error.description ?? ''}` : `n8n printed no result:\n${result.stderr.slice(-3000)}`;
		process.stderr.write(`The workflow failed after ${runTime}. ${why}\n`);
		return false;
	}
	const video = runData['Image to Video'][0].data.main[0][0];
	say(`Request ${video.json.request_id}: ${video.json.status}, ${video.binary?.data?.mimeType}`);
	say(`Video written: ${written} (${statSync(written).size} bytes)`);
	say(`Took ${seconds(started)} in all; the n8n run took ${runTime} (n8n's start included)`);
	return true;
}
