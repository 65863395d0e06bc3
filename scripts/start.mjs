// @ts-check
// `npm start`: a real n8n editor on http://localhost:5678 with our node, the example workflows
// and a credential for the local simulator (or the real API when ODIROUTER_API_KEY is set).
import { join } from 'node:path';

import { loadExamples } from './n8n/examples.mjs';
import { demoOutputFolder, runImageToVideo } from './n8n/imageToVideo.mjs';
import { DEMO_OWNER, setUpOwner } from './n8n/rest.mjs';
import { say, startSession } from './n8n/session.mjs';

const started = Date.now();
const port = Number(process.env.N8N_PORT || 5678);

const session = await startSession({
	fileAccess: [demoOutputFolder],
	simulator: { durationMs: 8000, playableVideo: true },
});
// Example 1 runs once first, so the editor opens with a finished execution to look at.
await runImageToVideo(session, demoOutputFolder, started);
await session.n8n.importWorkflow(loadExamples().filter(({ file }) => !file.startsWith('1-')).map(({ workflow }) => workflow));
say(`Starting n8n on port ${port} ...`);
const server = await session.n8n.startServer({ port });
await setUpOwner(server.url, DEMO_OWNER);

say('');
say(`n8n editor: http://localhost:${port}`);
say(`  log in as ${DEMO_OWNER.email} / ${DEMO_OWNER.password} (a local account of this throwaway n8n)`);
say('  Workflows → the "OdiRouter" examples; credential "OdiRouter account" (example 5 also needs an OpenAI credential)');
say(`  example 1 reads ${join(demoOutputFolder, 'first-frame.png')} and writes the video next to it (see its Executions tab)`);
say('Press Ctrl-C to stop (n8n, the simulator and this n8n\'s data are removed).');

let stopping = false;
async function stop() {
	if (stopping) return;
	stopping = true;
	say('Stopping ...');
	await server.stop();
	await session.close();
	process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.process.on('close', (code) => {
	if (!stopping) {
		process.stderr.write(`n8n stopped unexpectedly (exit ${code}):\n${server.output().slice(-3000)}\n`);
		void session.close().then(() => process.exit(1));
	}
});
