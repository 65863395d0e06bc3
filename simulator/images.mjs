// @ts-check
// Image links for the node's image check: `/images/<width>x<height>.<png|jpg|webp|gif|html>` serves a
// file whose header has that size, padded with zeros to `?size=<bytes>`. Query switches make the host
// misbehave the way real ones do: `status=<code>`, `noRange=1` (ignores Range and sends the whole
// file), `delayMs=<ms>` (before the headers), `stall=1` (sends the headers and 16 bytes, then nothing),
// `redirect=1` (one 302 to the same image).

export const IMAGE_PATH = /^\/images\/(\d+)x(\d+)\.(png|jpg|webp|gif|html)$/;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(bytes) {
	let crc = 0xffffffff;
	for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

function pngHead(width, height) {
	const ihdr = Buffer.alloc(17);
	ihdr.write('IHDR', 0, 'latin1');
	ihdr.writeUInt32BE(width, 4);
	ihdr.writeUInt32BE(height, 8);
	ihdr[12] = 8;
	ihdr[13] = 2;
	const chunk = Buffer.alloc(25);
	chunk.writeUInt32BE(13, 0);
	ihdr.copy(chunk, 4);
	chunk.writeUInt32BE(crc32(ihdr), 21);
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk]);
}

function jpegHead(width, height) {
	const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3]);
	return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'), sof]);
}

function webpHead(width, height) {
	const bytes = Buffer.alloc(30);
	bytes.write('RIFF', 0, 'latin1');
	bytes.writeUInt32LE(22, 4);
	bytes.write('WEBPVP8X', 8, 'latin1');
	bytes.writeUInt32LE(10, 16);
	bytes.writeUIntLE(width - 1, 24, 3);
	bytes.writeUIntLE(height - 1, 27, 3);
	return bytes;
}

function gifHead(width, height) {
	const bytes = Buffer.alloc(13);
	bytes.write('GIF89a', 0, 'latin1');
	bytes.writeUInt16LE(width, 6);
	bytes.writeUInt16LE(height, 8);
	return bytes;
}

const HEADS = {
	png: [pngHead, 'image/png'],
	jpg: [jpegHead, 'image/jpeg'],
	webp: [webpHead, 'image/webp'],
	gif: [gifHead, 'image/gif'],
	html: [() => Buffer.from('<html><body>internal page: do-not-leak-7f3a</body></html>'), 'text/html'],
};

function drainedOrClosed(res) {
	return new Promise((resolve) => {
		const done = () => {
			res.off('drain', done);
			res.off('close', done);
			resolve(undefined);
		};
		res.on('drain', done);
		res.on('close', done);
	});
}

/** Bytes `start..end` (inclusive) of a file that is `head` followed by zeros, written with backpressure. */
async function writeRange(res, head, start, end) {
	const chunkSize = 64 * 1024;
	for (let offset = start; offset <= end && !res.destroyed; offset += chunkSize) {
		const last = Math.min(end, offset + chunkSize - 1);
		const chunk = Buffer.alloc(last - offset + 1);
		if (offset < head.length) head.copy(chunk, 0, offset, Math.min(head.length, last + 1));
		if (!res.write(chunk)) await drainedOrClosed(res);
	}
}

/**
 * Serves one image link and records in `entry` what the client asked (range, auth) and how much of the
 * body it took (`bytesSent`, `finished`: whether the whole answer was sent).
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {RegExpExecArray} match
 * @param {URLSearchParams} query
 * @param {any} entry
 */
export async function serveImage(req, res, match, query, entry) {
	entry.kind = 'image';
	entry.range = req.headers.range ?? null;
	entry.bytesSent = 0;
	entry.finished = false;
	res.on('close', () => { entry.bytesSent = res.socket?.bytesWritten ?? entry.bytesSent; });
	res.on('finish', () => { entry.finished = true; });
	const delayMs = Number(query.get('delayMs') ?? 0);
	if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
	if (query.get('redirect') === '1') {
		const target = new URLSearchParams(query);
		target.delete('redirect');
		res.writeHead(302, { location: `${match[0]}${target.size > 0 ? `?${target}` : ''}` });
		return res.end();
	}
	const status = Number(query.get('status') ?? 200);
	if (status !== 200) {
		res.writeHead(status, { 'content-type': 'text/plain' });
		return res.end(`status ${status}: internal detail do-not-leak-7f3a`);
	}
	const [makeHead, contentType] = HEADS[match[3]];
	const head = makeHead(Number(match[1]), Number(match[2]));
	const size = Math.max(head.length, Number(query.get('size') ?? head.length));
	if (query.get('stall') === '1') {
		res.writeHead(200, { 'content-type': contentType, 'content-length': size });
		res.write(head.subarray(0, 16));
		return await new Promise((resolve) => res.once('close', resolve));
	}
	const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
	if (range && query.get('noRange') !== '1') {
		const start = Number(range[1]);
		const end = Math.min(size - 1, range[2] === '' ? size - 1 : Number(range[2]));
		res.writeHead(206, { 'content-type': contentType, 'content-length': end - start + 1, 'content-range': `bytes ${start}-${end}/${size}`, 'accept-ranges': 'bytes' });
		await writeRange(res, head, start, end);
	} else {
		res.writeHead(200, { 'content-type': contentType, 'content-length': size });
		await writeRange(res, head, 0, size - 1);
	}
	if (!res.destroyed) res.end();
}
