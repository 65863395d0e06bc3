// @ts-check
// `npm run demo`: example 1 (image file → Submit and Wait → video file) in a real n8n, against the
// local simulator, or the real API when ODIROUTER_API_KEY is set. Prints the video's path and times.
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { examplesFolder, imageFileToVideo, sampleImagePath } from '../scripts/n8n/examples.mjs';
import { say, startSession } from '../scripts/n8n/session.mjs';

const started = Date.now();
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const outputFolder = resolve(process.env.DEMO_OUTPUT ?? 'demo-output');
mkdirSync(outputFolder, { recursive: true });
const imagePath = join(outputFolder, 'first-frame.png');
copyFileSync(sampleImagePath, imagePath);

const session = await startSession({
	fileAccess: [outputFolder, examplesFolder],
	simulator: { durationMs: 4000, videoBytes: 512 * 1024 },
});
try {
	const workflow = imageFileToVideo({ imagePath, videoFolder: outputFolder });
	await session.n8n.importWorkflow(workflow);
	say(`Running "${workflow.name}" in n8n on ${imagePath} ...`);
	const runStarted = Date.now();
	const result = await session.n8n.execute(workflow.id);
	const runTime = seconds(runStarted);
	const runData = result.run?.data?.resultData?.runData ?? {};
	const written = runData['Write Video']?.[0]?.data?.main?.[0]?.[0]?.json?.fileName;
	if (!result.ok || typeof written !== 'string') {
		const error = result.run?.data?.resultData?.error;
		const why = error ? `${error.node?.name ?? 'a node'}: ${error.message} ${error.description ?? ''}` : `n8n printed no result:\n${result.stderr.slice(-3000)}`;
		process.stderr.write(`The workflow failed after ${runTime}. ${why}\n`);
		process.exitCode = 1;
	} else {
		const video = runData['Image to Video'][0].data.main[0][0];
		say(`Request ${video.json.request_id}: ${video.json.status}, ${video.binary?.data?.mimeType}`);
		say(`Video written: ${written} (${statSync(written).size} bytes)`);
		say(`Took ${seconds(started)} in all; the n8n run took ${runTime} (n8n's start included)`);
	}
} finally {
	await session.close();
}
