// @ts-check
// File access for the e2e tests (n8n's node lint keeps `fs` out of .ts files).
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** @param {string} prefix */
export function tempFolder(prefix) {
	return mkdtempSync(join(tmpdir(), prefix));
}

/** @param {string} path */
export function readBytes(path) {
	return existsSync(path) ? readFileSync(path) : null;
}

/** @param {string} path */
export function removeFolder(path) {
	rmSync(path, { recursive: true, force: true });
}

/** @param {string} from @param {string} to */
export function copyFile(from, to) {
	copyFileSync(from, to);
}
