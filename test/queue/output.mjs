// @ts-check
// What the queue test reads and writes outside n8n (n8n's node lint keeps `fs` and `process` out of
// .ts files): the log files of the run, and the timeline it reports.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** @param {string} folder */
export function readLogFiles(folder) {
	const files = readdirSync(folder).map((name) => join(folder, name));
	return { files, text: files.map((file) => readFileSync(file, 'latin1')).join('\n') };
}

/** A line of the report (the kill timeline) on the test's output. @param {string} line */
export function report(line) {
	process.stdout.write(`[queue] ${line}\n`);
}
