// @ts-check
// `npm run bench -- --durations FILE`: a user's own task durations (a JSON array of seconds), checked
// here so a bad file gets one line that says what is wrong, and handed to the schedule replay.
import { readFileSync } from 'node:fs';

/** The durations in FILE as seconds; throws an Error whose message is one line for the user. */
export function readDurationsFile(file) {
	let text;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		throw new Error(`--durations ${file}: cannot read the file (${/** @type {any} */ (error).code ?? 'error'}).`);
	}
	let value;
	try {
		value = JSON.parse(text);
	} catch {
		throw new Error(`--durations ${file}: not JSON. Give a JSON array of task durations in seconds, e.g. [42.5, 61, 38.2].`);
	}
	if (!Array.isArray(value)) throw new Error(`--durations ${file}: not an array. Give a JSON array of task durations in seconds, e.g. [42.5, 61, 38.2].`);
	if (value.length === 0) throw new Error(`--durations ${file}: the array is empty. Give at least one task duration in seconds.`);
	const bad = value.findIndex((d) => typeof d !== 'number' || !Number.isFinite(d) || d < 0);
	if (bad !== -1) throw new Error(`--durations ${file}: entry ${bad} (${JSON.stringify(value[bad])}) is not a number of seconds of 0 or more.`);
	return value;
}

/** The durations the bench run was given through BENCH_DURATIONS, or null. */
export function durationsFromEnv() {
	const file = process.env.BENCH_DURATIONS;
	return file ? readDurationsFile(file) : null;
}
