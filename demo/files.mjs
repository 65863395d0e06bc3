// @ts-check
// File access for the demo (n8n's node lint keeps `fs` out of .ts files).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deflateSync, crc32 } from 'node:zlib';

function chunk(type, data) {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typed) >>> 0);
	return Buffer.concat([length, typed, crc]);
}

/** A real 960×540 PNG (a colour gradient) as the demo's first frame. */
export function samplePng() {
	const width = 960;
	const height = 540;
	const rows = [];
	for (let y = 0; y < height; y++) {
		const row = Buffer.alloc(1 + width * 3);
		for (let x = 0; x < width; x++) {
			row[1 + x * 3] = Math.round((255 * x) / width);
			row[2 + x * 3] = Math.round((255 * y) / height);
			row[3 + x * 3] = 160;
		}
		rows.push(row);
	}
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8;
	header[9] = 2;
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(Buffer.concat(rows))),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

/** Writes the video under ./demo-output and returns its absolute path. */
export function writeVideo(fileName, bytes) {
	const folder = resolve(process.env.DEMO_OUTPUT ?? 'demo-output');
	mkdirSync(folder, { recursive: true });
	const path = join(folder, fileName);
	writeFileSync(path, bytes);
	return path;
}

export function report(line) {
	process.stdout.write(`${line}\n`);
}

export function realApiKey() {
	return process.env.ODIROUTER_API_KEY ?? '';
}
