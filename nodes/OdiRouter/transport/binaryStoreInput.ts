import type { IExecuteFunctions } from 'n8n-workflow';

/** n8n refuses larger files in database mode anyway (its limit is at most 1024 MiB). */
const MAX_BUFFERED_BYTES = 1024 * 1048576;

let storesInDatabase: Promise<boolean> | undefined;

/**
 * Whether n8n keeps binary data in its database (queue mode's default). n8n does not tell a node
 * its binary data mode, so the first call stores one empty file and reads the mode from its ID;
 * the mode is fixed for the life of the process, so later calls reuse the answer.
 */
function n8nStoresInDatabase(ctx: IExecuteFunctions): Promise<boolean> {
	storesInDatabase ??= ctx.helpers
		.prepareBinaryData(Buffer.alloc(0), 'odirouter-binary-mode.bin', 'application/octet-stream')
		.then(
			(probe) => probe.id?.startsWith('database:') === true,
			() => false,
		);
	return storesInDatabase;
}

/**
 * The body in one buffer, allocated once from the announced size. The size is a hint, not a
 * promise: a host that encodes the body (gzip, br, deflate) announces the encoded size, and n8n's
 * request helper decodes the body and drops the Content-Encoding header, so the node cannot see it.
 * Then the bytes are collected as they come. A body cut short fails in the transport (the
 * connection closes early, or the decoder finds the data truncated), not here.
 */
export async function readWhole(body: AsyncIterable<Buffer>, announcedLength: number): Promise<Buffer> {
	const whole = Buffer.allocUnsafe(announcedLength);
	let offset = 0;
	let collected: Buffer[] | null = null;
	for await (const chunk of body) {
		if (collected === null && offset + chunk.length <= announcedLength) {
			chunk.copy(whole, offset);
			offset += chunk.length;
			continue;
		}
		collected ??= [whole.subarray(0, offset)];
		collected.push(chunk);
	}
	if (collected !== null) return Buffer.concat(collected);
	return offset === announcedLength ? whole : Buffer.from(whole.subarray(0, offset));
}

/**
 * What to hand n8n's prepareBinaryData. In filesystem (and S3) mode n8n streams the video to storage
 * with little memory: the stream. In database mode n8n collects a stream's chunks and then copies them
 * into one buffer; one buffer of the known size saves that copy (a 200 MB video in a queue-mode
 * worker: peak +483 MB instead of +608 MB, `npm run bench`).
 */
export async function bodyForBinaryStore(ctx: IExecuteFunctions, body: AsyncIterable<Buffer>, contentLength: unknown): Promise<AsyncIterable<Buffer> | Buffer> {
	const length = Number(contentLength);
	if (!Number.isSafeInteger(length) || length <= 0 || length > MAX_BUFFERED_BYTES) return body;
	return (await n8nStoresInDatabase(ctx)) ? await readWhole(body, length) : body;
}
