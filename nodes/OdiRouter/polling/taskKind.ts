import { API_DEFAULTS } from '../transport/types';

export interface TaskKindSettings {
	resolution?: string;
	duration?: number;
	prompt_optimizer?: boolean;
	fast_pretreatment?: boolean;
}

/**
 * The memory key: what changes how long a task takes. The API's defaults are spelled out, so both
 * spellings share a key; the API is named by a short hash of its base URL (a test stand-in and
 * production never share a history, and no URL is kept).
 */
export function taskKindOf(model: string, settings: TaskKindSettings, baseUrl = ''): string {
	const resolution = settings.resolution ?? API_DEFAULTS.resolution;
	const duration = settings.duration ?? API_DEFAULTS.duration;
	const optimizer = settings.prompt_optimizer ?? API_DEFAULTS.prompt_optimizer;
	const pretreatment = settings.fast_pretreatment ?? API_DEFAULTS.fast_pretreatment;
	return `${apiTag(baseUrl)} ${model} ${resolution} ${duration}s po${optimizer ? 1 : 0} fp${pretreatment ? 1 : 0}`;
}

/** FNV-1a of the base URL without a trailing slash, as 8 hex digits. */
function apiTag(baseUrl: string): string {
	let hash = 0x811c9dc5;
	for (const char of baseUrl.replace(/\/+$/, '')) {
		hash ^= char.codePointAt(0) ?? 0;
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash.toString(16).padStart(8, '0');
}
