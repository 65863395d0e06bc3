// @ts-check
// A long-running process (Redis, PostgreSQL, an n8n main or worker) in its own process group, with
// its output kept (in memory and in a log file) for the caller to read. It is stopped or killed by
// its process group id, so the children it started go with it, as they would with a lost container.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

import { OWN_GROUP, signalGroup, stopOnExit } from './stopOnExit.mjs';

const pause = (ms) => new Promise((resolveWait) => setTimeout(resolveWait, ms));

/**
 * @param {string} name for messages: "redis", "worker 1", ...
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, env?: NodeJS.ProcessEnv, logFile: string }} options
 */
export function startDaemon(name, command, args, options) {
	const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, detached: OWN_GROUP, stdio: ['ignore', 'pipe', 'pipe'] });
	if (child.pid === undefined) throw new Error(`${name}: ${command} did not start`);
	const pid = child.pid;
	const ended = stopOnExit(pid);
	const log = createWriteStream(options.logFile);
	let output = '';
	/** @param {Buffer} chunk */
	const keep = (chunk) => {
		output += chunk;
		log.write(chunk);
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	/** @type {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} */
	const exited = new Promise((resolveExit) =>
		child.once('close', (code, signal) => {
			ended();
			log.end();
			resolveExit({ code, signal });
		}),
	);
	let done = false;
	void exited.then(() => (done = true));

	return {
		name,
		pid,
		logFile: options.logFile,
		exited,
		output: () => output,
		isRunning: () => !done,
		/**
		 * Resolves with the first match of `pattern` in the output (from `from` on); fails when the
		 * process ends or `timeoutMs` passes first.
		 * @param {RegExp} pattern @param {number} timeoutMs @param {number} [from]
		 */
		async waitFor(pattern, timeoutMs, from = 0) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const match = pattern.exec(output.slice(from));
				if (match) return match;
				if (done) throw new Error(`${name} ended before printing ${pattern}:\n${output.slice(-3000)}`);
				if (Date.now() > deadline) throw new Error(`${name} did not print ${pattern} within ${timeoutMs / 1000} s:\n${output.slice(-3000)}`);
				await pause(100);
			}
		},
		/** SIGKILL to the whole group at once, as a crash or an OOM kill would. */
		kill() {
			signalGroup(pid, 'SIGKILL');
			return exited;
		},
		/**
		 * Asks the group to stop with `signal`, and kills it after `graceMs`.
		 * @param {NodeJS.Signals} [signal] @param {number} [graceMs]
		 */
		async stop(signal = 'SIGTERM', graceMs = 15_000) {
			if (done) return exited;
			signalGroup(pid, signal);
			const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
			const result = await exited;
			clearTimeout(timer);
			return result;
		},
	};
}

/** @typedef {ReturnType<typeof startDaemon>} Daemon */
