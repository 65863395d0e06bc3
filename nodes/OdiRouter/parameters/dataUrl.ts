/** A `data:` URL taken apart: its declared type and its Base64 payload with whitespace removed. */
export interface DataUrlParts {
	declaredType: string;
	payload: string;
}

export type DataUrlReading = { ok: true; parts: DataUrlParts } | { ok: false; problem: string };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Bytes the payload decodes to, without decoding it: a 300 MB paste is refused before it is copied. */
export function base64DecodedLength(payload: string): number {
	const padding = payload.endsWith('==') ? 2 : payload.endsWith('=') ? 1 : 0;
	return Math.floor((payload.length * 3) / 4) - padding;
}

/**
 * Reads `data:<type>[;param=value]*;base64,<payload>` (RFC 2397). Parameters such as `name=a.png` are
 * allowed; line breaks, spaces and percent-encoding in the payload (pasted or mailed Base64) are
 * removed; URL-safe Base64 (`-`, `_`) is read as standard. `null` when the text is not a data URL.
 */
export function readDataUrl(text: string): DataUrlReading | null {
	if (!/^data:/i.test(text)) return null;
	const comma = text.indexOf(',');
	if (comma < 0) return { ok: false, problem: 'is a data URL without the "," before its data' };
	const [type, ...parameters] = text.slice(5, comma).split(';').map((part) => part.trim());
	if (parameters.length === 0 || parameters[parameters.length - 1].toLowerCase() !== 'base64') {
		return { ok: false, problem: 'is a data URL that is not Base64 (";base64," is missing before the data)' };
	}
	let payload = text.slice(comma + 1);
	if (payload.includes('%')) {
		try {
			payload = decodeURIComponent(payload);
		} catch {
			return { ok: false, problem: 'is a data URL whose Base64 is not valid' };
		}
	}
	payload = payload.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
	if (!BASE64.test(payload) || payload.length % 4 === 1) {
		return { ok: false, problem: 'is a data URL whose Base64 is not valid' };
	}
	return { ok: true, parts: { declaredType: type.toLowerCase() || 'text/plain', payload } };
}
