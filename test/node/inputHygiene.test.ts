import type { INodeExecutionData } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Simulator } from '../../simulator/server.mjs';
import { startSimulator } from '../../simulator/server.mjs';
import { jpeg, png } from '../../harness/images';
import { runNode } from '../../harness/runNode';

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator();
});

afterAll(async () => {
	await sim.close();
});

/** Submits one task and returns what the API received in first_frame_image (the whole value). */
async function sentImage(imageUrl: string): Promise<string> {
	const { items, error } = await runNode({ parameters: { operation: 'submit', imageUrl }, credentials: { apiKey: sim.apiKey, baseUrl: sim.baseUrl } });
	expect(error).toBeNull();
	return String(sim.tasks.get(String(items[0].json.request_id))?.body.first_frame_image);
}

// Long enough to wrap, and ending in bytes whose Base64 is "+" and "/", which URL-safe Base64 spells "-" and "_".
const pngBase64 = Buffer.concat([png(1280, 720, 2000), Buffer.from([0xfb, 0xef, 0xff])]).toString('base64');
const canonical = `data:image/png;base64,${pngBase64}`;

describe('a data URL is sent as its bytes are: one line, the type they have', () => {
	it.each<[string, string, string]>([
		['wrapped at 76 characters (MIME style)', `data:image/png;base64,${pngBase64.replace(/(.{76})/g, '$1\r\n')}`, canonical],
		['with spaces', `data:image/png;base64, ${pngBase64.replace(/(.{40})/g, '$1 ')}`, canonical],
		['declared as GIF, holding a PNG', `data:image/gif;base64,${pngBase64}`, canonical],
		['declared as octet-stream, holding a PNG', `data:application/octet-stream;base64,${pngBase64}`, canonical],
		['with a name parameter', `data:image/png;name=first-frame.png;base64,${pngBase64}`, canonical],
		['declared as PNG, holding a JPEG', `data:image/png;base64,${jpeg(1280, 720).toString('base64')}`, `data:image/jpeg;base64,${jpeg(1280, 720).toString('base64')}`],
		['URL-safe Base64', `data:image/png;base64,${pngBase64.replace(/\+/g, '-').replace(/\//g, '_')}`, canonical],
	])('%s', async (_name, imageUrl, expected) => {
		expect(imageUrl).not.toBe(expected);
		expect(await sentImage(imageUrl)).toBe(expected);
	});
});

describe('the prompt is counted in Unicode characters', () => {
	it('sends 2,000 emoji (4,000 UTF-16 units)', async () => {
		const prompt = '😀'.repeat(2000);
		const { items, error } = await runNode({ parameters: { operation: 'submit', imageUrl: canonical, prompt }, credentials: { apiKey: sim.apiKey, baseUrl: sim.baseUrl } });
		expect(error).toBeNull();
		expect(sim.tasks.get(String(items[0].json.request_id))?.body.prompt).toBe(prompt);
	});
});

describe('a binary is measured before it is read', () => {
	it('refuses a 300 MB video by n8n\'s metadata, without reading it', async () => {
		// The stored file does not exist: reading it would fail with another error, so the refusal
		// proves the size was checked first.
		const video: INodeExecutionData = {
			json: {},
			binary: { data: { data: 'filesystem-v2', id: 'filesystem-v2:workflows/w/executions/e/binary_data/not-there', bytes: 300 * 1048576, mimeType: 'video/mp4', fileName: 'clip.mp4' } },
		};
		const before = sim.log.length;
		const { error } = await runNode({ parameters: { operation: 'submit', imageSource: 'binary' }, items: [video], credentials: { apiKey: sim.apiKey, baseUrl: sim.baseUrl } });
		expect(error?.message).toBe('Input Binary Field "data" is 300.0 MB (video/mp4). Allowed: an image smaller than 20 MB [item 0]');
		expect(sim.log.length).toBe(before);
	});
});
