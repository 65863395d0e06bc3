// @ts-check
// The simulator in a process of its own, so that a memory figure measures the node and not the
// simulator serving (and buffering) the video in the same heap. `node bench/simulatorProcess.mjs
// '<options as JSON>'` prints one JSON line ({ baseUrl, origin, apiKey, videoBytes }) once it listens, and
// closes on SIGTERM.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import { startSimulator } from '../simulator/server.mjs';

/**
 * Starts simulator/server.mjs in a child process.
 * @param {import('../simulator/server.mjs').SimulatorOptions} options
 */
export async function startSimulatorProcess(options) {
	const child = spawn(process.execPath, [fileURLToPath(import.meta.url), JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
	const lines = createInterface({ input: /** @type {import('node:stream').Readable} */ (child.stdout) });
	const ready = await new Promise((resolve, reject) => {
		lines.once('line', (line) => resolve(JSON.parse(line)));
		child.once('exit', (code) => reject(new Error(`the simulator process ended (exit ${code}) before it listened`)));
	});
	return {
		...ready,
		pid: /** @type {number} */ (child.pid),
		async close() {
			if (child.exitCode !== null) return;
			const ended = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await ended;
		},
	};
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const sim = await startSimulator(JSON.parse(process.argv[2] ?? '{}'));
	process.stdout.write(`${JSON.stringify({ baseUrl: sim.baseUrl, origin: sim.origin, apiKey: sim.apiKey, videoBytes: sim.video.length })}\n`);
	process.once('SIGTERM', () => void sim.close().then(() => process.exit(0)));
}
