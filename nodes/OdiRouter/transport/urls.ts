/** Where OdiRouter's queue API lives unless the credential says otherwise. */
export const DEFAULT_BASE_URL = 'https://odirouter.ai/model';

/** Request ids are put into URL paths: only these characters can never leave their path segment. */
const REQUEST_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,199}$/;
const MODEL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

export type TaskAction = 'status' | 'response' | 'cancel';

/** Why the value is not a usable Base URL, or `null` when it is. */
export function baseUrlProblem(baseUrl: unknown): string | null {
	if (typeof baseUrl !== 'string' || baseUrl.trim() === '') return 'is empty';
	let parsed: URL;
	try {
		parsed = new URL(baseUrl.trim());
	} catch {
		return 'is not a valid URL';
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
		return `uses "${parsed.protocol}": only https:// or http:// is allowed`;
	}
	if (parsed.username || parsed.password) return 'must not contain a user name or password';
	if (parsed.search || parsed.hash) return 'must not contain a query (?) or fragment (#)';
	return null;
}

export function requestIdProblem(requestId: unknown): string | null {
	if (typeof requestId !== 'string') return `is a ${typeof requestId}, not text`;
	if (requestId.trim() === '') return 'is empty';
	if (!REQUEST_ID_PATTERN.test(requestId.trim())) {
		return 'may contain only letters, digits, "_" and "-" (at most 200 characters), as in "mmsu_01hxyz..."';
	}
	return null;
}

export function modelIdProblem(model: unknown): string | null {
	if (typeof model !== 'string' || model.trim() === '') return 'is empty';
	if (!MODEL_ID_PATTERN.test(model.trim())) {
		return 'may contain only letters, digits, "_", "." and "-", as in "minimax_hailuo_23_fast_i2v"';
	}
	return null;
}

export function queueUrl(baseUrl: string, model: string): string {
	return `${baseUrl.trim().replace(/\/+$/, '')}/v1/queue/${encodeURIComponent(model.trim())}`;
}

export function taskUrl(baseUrl: string, model: string, requestId: string, action: TaskAction): string {
	return `${queueUrl(baseUrl, model)}/requests/${encodeURIComponent(requestId.trim())}/${action}`;
}
