// @ts-check
// `npm run demo` run as a person runs it (its own build, simulator and n8n), writing into `outputFolder`.
import { projectRoot } from '../../scripts/n8n/install.mjs';
import { runProcess } from '../../scripts/n8n/processes.mjs';

/** @param {string} outputFolder */
export async function runDemo(outputFolder) {
	const run = await runProcess('npm', ['run', 'demo', '--silent'], { cwd: projectRoot, env: { ...process.env, DEMO_OUTPUT: outputFolder }, timeoutMs: 600_000 });
	const written = /^Video written: (.+) \(\d+ bytes\)$/m.exec(run.stdout)?.[1];
	return { ...run, videoPath: written ?? null };
}
