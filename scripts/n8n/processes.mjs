// @ts-check
// Runs a command to its end and collects what it printed: the installer's npm steps and n8n's CLI.
import { spawn } from 'node:child_process';

import { OWN_GROUP, signalGroup, stopOnExit } from './stopOnExit.mjs';

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, env?: NodeJS.ProcessEnv, timeoutMs?: number }} options killed after timeoutMs
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string, seconds: number }>}
 */
export function runProcess(command, args, options) {
	const started = Date.now();
	return new Promise((resolveRun, reject) => {
		// Windows starts a .cmd (npm's) only through a shell.
		const shell = process.platform === 'win32' && command.endsWith('.cmd');
		const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], shell, detached: OWN_GROUP });
		const pid = child.pid;
		const ended = pid === undefined ? () => false : stopOnExit(pid);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const timer = options.timeoutMs && pid !== undefined ? setTimeout(() => signalGroup(pid, 'SIGKILL'), options.timeoutMs) : undefined;
		child.on('error', (error) => {
			ended();
			reject(error);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			ended();
			resolveRun({ code, stdout, stderr, seconds: (Date.now() - started) / 1000 });
		});
	});
}

/** Whether a process with this pid exists (signal 0 only checks). @param {number} pid */
export function isRunning(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}
