import type { IDataObject } from 'n8n-workflow';

/**
 * A field of an upstream answer as text, or `null` when absent or empty: a number becomes its digits,
 * an error object its `message` (or `msg`), any other object its JSON.
 */
export function textOrNull(value: unknown): string | null {
	if (value === undefined || value === null || value === '') return null;
	if (typeof value === 'string') return value;
	if (typeof value === 'object') {
		const message = (value as IDataObject).message ?? (value as IDataObject).msg;
		if (typeof message === 'string') return message;
		return JSON.stringify(value);
	}
	return String(value);
}

/** A field of an upstream answer as a finite number (numeric text too), or `null`. */
export function numberOrNull(value: unknown): number | null {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) ? number : null;
}
