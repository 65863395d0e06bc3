import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Simulator } from '../../simulator/server.mjs';
import { startSimulator } from '../../simulator/server.mjs';
import { dataUrl, png } from '../../harness/images';
import { fastTiming } from '../../harness/fastWaits';
import { visibleText } from '../../harness/items';
import type { RunOptions } from '../../harness/runNode';
import { runNode } from '../../harness/runNode';

const MB = 1024 * 1024;
let sim: Simulator;
let closedPortUrl: string;

beforeAll(async () => {
	sim = await startSimulator();
	// A server that was just closed: nothing listens on its port, so a connection is refused.
	const gone = await startSimulator();
	closedPortUrl = `${gone.origin}/images/1280x720.png`;
	await gone.close();
});

afterAll(async () => {
	await sim.close();
});

const link = (path: string) => `${sim.origin}/images/${path}`;

/** Runs one node on one image link, with the prompt marking its task; what it returned and what it sent. */
async function submitLink(url: string, parameters: IDataObject = {}, timing?: RunOptions['timing']) {
	const prompt = `image check ${Math.random().toString(36).slice(2)}`;
	const from = sim.log.length;
	const result = await runNode({
		parameters: { operation: 'submit', imageUrl: url, prompt, ...parameters },
		credentials: { apiKey: sim.apiKey, baseUrl: sim.baseUrl },
		timing,
	});
	const sent = sim.log.slice(from);
	return { ...result, submits: sent.filter((entry) => entry.kind === 'submit'), probes: sent.filter((entry) => entry.kind === 'image') };
}

describe('an image link that is clearly bad is refused before anything is submitted', () => {
	it.each<[string, () => string, string[]]>([
		['a 200×200 PNG', () => link('200x200.png'), ['Image URL links to a file that is 200×200 px', 'over 300 px']],
		['a GIF', () => link('1280x720.gif'), ['is a GIF image, not a JPG, PNG or WebP image', 'JPG/JPEG, PNG or WebP']],
		['an HTML page', () => link('1280x720.html'), ['is not a JPG, PNG or WebP image', 'Check Image Link']],
		['a 404', () => link('1280x720.png?status=404'), ['is not there: its host answered 404']],
		['a 410', () => link('1280x720.png?status=410'), ['answered 410']],
		['a 3:1 JPEG', () => link('1800x600.jpg'), ['aspect ratio 3.00', '2:5']],
		['25 MB, told by Content-Range', () => link(`1280x720.png?size=${25 * MB}`), ['is 25.0 MB', 'smaller than 20 MB']],
		['25 MB from a host that ignores Range (Content-Length)', () => link(`1280x720.png?size=${25 * MB}&noRange=1`), ['is 25.0 MB']],
		['a redirect to a 200×200 PNG', () => link('200x200.png?redirect=1'), ['200×200 px']],
	])('%s', async (_name, url, expected) => {
		const { items, error, submits, probes } = await submitLink(url());
		expect(items).toEqual([]);
		expect(error).toBeInstanceOf(NodeOperationError);
		for (const words of expected) expect(error?.message).toContain(words);
		expect(error?.message).toContain('Allowed: ');
		expect(error?.description).toContain('Nothing was sent to OdiRouter');
		expect(submits).toEqual([]);
		expect(probes.length).toBeGreaterThan(0);
		// Only a verdict comes back: never the host's answer.
		expect(visibleText(error)).not.toContain('do-not-leak');
	});
});

describe('a good image link passes and is submitted as it is', () => {
	it.each<[string, () => string]>([
		['PNG 1280×720', () => link('1280x720.png')],
		['JPEG 1280×720', () => link('1280x720.jpg')],
		['WebP 720×1280', () => link('720x1280.webp')],
		['a redirect to a good image', () => link('1280x720.png?redirect=1')],
	])('%s', async (_name, url) => {
		const { items, error, submits, probes } = await submitLink(url());
		expect(error).toBeNull();
		expect(items[0].json.image_check).toBe('passed');
		expect(submits).toHaveLength(1);
		expect(sim.tasks.get(String(items[0].json.request_id))?.body.first_frame_image).toBe(url());
		const probe = probes[probes.length - 1];
		expect(probe.range).toBe('bytes=0-262143');
		expect(probe.auth).toBeNull();
	});

	it('reads only the first bytes of a 15 MB image from a host that ignores Range', async () => {
		const { items, probes } = await submitLink(link(`1280x720.png?size=${15 * MB}&noRange=1`));
		expect(items[0].json.image_check).toBe('passed');
		expect(probes).toHaveLength(1);
		// The node stopped reading: the host never got to send the whole 15 MB.
		await expect.poll(() => probes[0].bytesSent).toBeGreaterThan(0);
		expect(probes[0].finished).toBe(false);
		expect(probes[0].bytesSent).toBeLessThan(15 * MB);
	});
});

describe('a host n8n cannot judge does not block the submit; the item says the image was not checked', () => {
	it.each<[string, () => string, IDataObject, string]>([
		['a 503', () => link('1280x720.png?status=503'), {}, 'not checked: the host answered 503'],
		['a 403', () => link('1280x720.png?status=403'), {}, 'not checked: the host answered 403'],
		['a 401', () => link('1280x720.png?status=401'), {}, 'not checked: the host answered 401'],
		['a host that refuses the connection', () => closedPortUrl, {}, 'not checked: its host refused the connection'],
		['a host name that does not exist', () => 'http://first-frame.invalid/a.png', {}, 'not checked: its host name was not found from n8n'],
		['a host slower than the timeout', () => link('1280x720.png?delayMs=3000'), { options: { requestTimeout: 1 } }, 'not checked: no answer within 1 s'],
		['a host that stops sending after 16 bytes', () => link('1280x720.png?stall=1'), { options: { requestTimeout: 1 } }, 'not checked: no answer within 1 s'],
		['the check turned off (a 200×200 PNG)', () => link('200x200.png'), { options: { checkImageLink: false } }, 'not checked: the Check Image Link option is off'],
	])('%s', async (_name, url, parameters, expected) => {
		const { items, error, submits } = await submitLink(url(), parameters);
		expect(error).toBeNull();
		expect(items[0].json.image_check).toBe(expected);
		expect(submits).toHaveLength(1);
	});

	it('sends nothing to the image host when the check is off', async () => {
		const { probes } = await submitLink(link('1280x720.png'), { options: { checkImageLink: false } });
		expect(probes).toEqual([]);
	});
});

describe('image_check on every output of Submit and Submit and Wait', () => {
	it.each<[string, IDataObject]>([
		['Submit, raw', { operation: 'submit' }],
		['Submit, simplified', { operation: 'submit', output: 'simplified' }],
		['Submit and Wait, raw', { operation: 'submitAndWait', downloadVideo: false, options: { pollInterval: 1 } }],
		['Submit and Wait, simplified', { operation: 'submitAndWait', output: 'simplified', downloadVideo: false, options: { pollInterval: 1 } }],
	])('%s', async (_name, parameters) => {
		// The simulator's tasks move on with each poll: a faster waiting clock only shortens the test.
		const { items, error } = await submitLink(link('1280x720.png'), parameters, fastTiming(20));
		expect(error).toBeNull();
		expect(items[0].json.request_id).toMatch(/^mmsu_/);
		expect(items[0].json.image_check).toBe('passed');
	});

	it('Submit and Wait refuses a bad link before submitting', async () => {
		const { error, submits } = await submitLink(link('200x200.png'), { operation: 'submitAndWait', options: { pollInterval: 1 } });
		expect(error?.message).toContain('200×200 px');
		expect(submits).toEqual([]);
	});

	it('a data URL was checked whole: passed, and no link is read', async () => {
		const { items, probes } = await submitLink(dataUrl(png(1280, 720)));
		expect(items[0].json.image_check).toBe('passed');
		expect(probes).toEqual([]);
	});
});
