// @ts-check
// The example workflows in examples/, and the small changes the demo, `npm start` and the e2e tests
// make to them (file paths, wait time, credential).
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const examplesFolder = resolve(fileURLToPath(new URL('../../examples', import.meta.url)));
export const sampleImagePath = join(examplesFolder, 'first-frame.png');
/** The credential every example names; importing one with this id makes the examples run as they are. */
export const EXAMPLE_CREDENTIAL = { id: 'OdiRouterCred001', name: 'OdiRouter account' };
export const DEFAULT_BASE_URL = 'https://odirouter.ai/model';

/** @returns {{ file: string, workflow: any }[]} in file name order: 1-..., 2-..., ... */
export function loadExamples() {
	return readdirSync(examplesFolder)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(readFileSync(join(examplesFolder, file), 'utf8')) }));
}

/** @param {string} prefix e.g. '1-' */
export function loadExample(prefix) {
	const found = loadExamples().find((example) => example.file.startsWith(prefix));
	if (!found) throw new Error(`No example ${prefix}* in ${examplesFolder}`);
	return found.workflow;
}

/** @param {any} workflow @param {string} name */
export function nodeNamed(workflow, name) {
	const node = workflow.nodes.find((candidate) => candidate.name === name);
	if (!node) throw new Error(`Workflow "${workflow.name}" has no node "${name}"`);
	return node;
}

/** Example 1 with its Files node pointing at an image and an output folder. */
export function imageFileToVideo({ imagePath, videoFolder }) {
	const workflow = loadExample('1-');
	for (const assignment of nodeNamed(workflow, 'Files').parameters.assignments.assignments) {
		if (assignment.name === 'imagePath') assignment.value = imagePath;
		if (assignment.name === 'videoFolder') assignment.value = videoFolder;
	}
	return workflow;
}

/** Sets every Wait node of a workflow to `seconds`. */
export function withWaitSeconds(workflow, seconds) {
	for (const node of workflow.nodes) {
		if (node.type === 'n8n-nodes-base.wait') node.parameters.amount = seconds;
	}
	return workflow;
}

/**
 * The credential the examples use, for `n8n import:credentials`.
 * @param {{ apiKey: string, baseUrl?: string, id?: string, name?: string }} settings
 */
export function odiRouterCredential({ apiKey, baseUrl = DEFAULT_BASE_URL, id = EXAMPLE_CREDENTIAL.id, name = EXAMPLE_CREDENTIAL.name }) {
	return { id, name, type: 'odiRouterApi', data: { apiKey, baseUrl } };
}
