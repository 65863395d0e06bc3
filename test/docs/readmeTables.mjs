// @ts-check
// The README as the test of its claims reads it: the tables under a heading, and its sentences.
import { readFileSync } from 'node:fs';

export const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** @param {string} line */
const cellsOf = (line) => line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((cell) => cell.trim());

/**
 * The first Markdown table after the heading `heading` (a whole line, e.g. `### Options`), as one
 * record per row keyed by the header cells.
 * @param {string} markdown @param {string} heading @returns {Record<string, string>[]}
 */
export function tableUnder(markdown, heading) {
	const lines = markdown.split('\n');
	const start = lines.findIndex((line) => line.trim() === heading);
	if (start < 0) throw new Error(`No heading "${heading}"`);
	const first = lines.findIndex((line, index) => index > start && line.trim().startsWith('|'));
	if (first < 0) throw new Error(`No table under "${heading}"`);
	const header = cellsOf(lines[first]);
	/** @type {Record<string, string>[]} */
	const rows = [];
	for (let index = first + 2; index < lines.length && lines[index].trim().startsWith('|'); index++) {
		const cells = cellsOf(lines[index]);
		rows.push(Object.fromEntries(header.map((name, column) => [name, cells[column] ?? ''])));
	}
	return rows;
}

/**
 * The text from the heading `heading` to the next heading of the same or a higher level.
 * @param {string} markdown @param {string} heading @returns {string}
 */
export function sectionUnder(markdown, heading) {
	const level = heading.indexOf(' ');
	const lines = markdown.split('\n');
	const start = lines.findIndex((line) => line.trim() === heading);
	if (start < 0) throw new Error(`No heading "${heading}"`);
	const end = lines.findIndex((line, index) => index > start && /^#+ /.test(line) && line.indexOf(' ') <= level);
	return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}
