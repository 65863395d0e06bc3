import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/** An input item carrying a file in a binary field, the way n8n holds it in its default (memory) mode. */
export function binaryItem(bytes: Buffer, fileName: string, mimeType: string, field = 'data'): INodeExecutionData {
	return {
		json: { fileName },
		binary: { [field]: { data: bytes.toString('base64'), mimeType, fileName } },
	};
}

/** Everything an item exposes, error texts included, as one string to search for leaked secrets. */
export function visibleText(value: unknown): string {
	return JSON.stringify(value, (_key, inner: unknown) =>
		inner instanceof Error ? { ...(inner as unknown as IDataObject), message: inner.message, stack: inner.stack } : inner,
	);
}
