import type { IDataObject } from 'n8n-workflow';

import type { DurationObservation } from './durationEstimate';

/**
 * A small summary of finished waits kept in the workflow's static data, which n8n saves with the
 * workflow after each production execution (not after manual runs): an n8n that restarts, or another
 * queue-mode worker where n8n hands it the static data (1.x; 2.41.1 does not for new executions),
 * plans from what the workflow already learned. Per kind of task, the last
 * MAX_STORED_OBSERVATIONS observations in tenths of a second, each with the id of the process that
 * saw it (so a process never counts its own twice); at most MAX_STORED_KINDS kinds, the least
 * recently updated dropped first. No URL, key or request ID: the kind names the API by a hash.
 */
export const STORE_KEY = 'odiRouterDurations';
export const MAX_STORED_KINDS = 6;
export const MAX_STORED_OBSERVATIONS = 24;
const TENTHS = 100;

/** One stored observation: after and by (tenths of a second; null: still running), and who saw it. */
type StoredObservation = [number, number | null, string];

interface StoredKind {
	/** How many observations were ever stored for this kind: tells a reader how many are new to it. */
	n: number;
	/** When it was last written (epoch seconds; only to choose which kind to drop). */
	at: number;
	o: StoredObservation[];
}

interface Store {
	v: 1;
	kinds: Record<string, StoredKind>;
}

/** This process's id in the stores: random, so an n8n that restarts reads its old self as another. */
export const PROCESS_ID = Math.floor(Math.random() * 36 ** 6)
	.toString(36)
	.padStart(6, '0');

function isStoredObservation(value: unknown): value is StoredObservation {
	if (!Array.isArray(value) || value.length !== 3) return false;
	const [after, by, writer] = value as unknown[];
	const tenths = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x >= 0;
	return tenths(after) && (by === null || (tenths(by) && (by as number) >= (after as number))) && typeof writer === 'string';
}

/** The store as saved, or an empty one when there is none or it is not ours (never throws on odd data). */
function readStore(staticData: IDataObject): Store {
	const raw = staticData[STORE_KEY] as Partial<Store> | undefined;
	const kinds: Record<string, StoredKind> = {};
	if (raw && typeof raw === 'object' && raw.v === 1 && raw.kinds && typeof raw.kinds === 'object') {
		for (const [kind, stored] of Object.entries(raw.kinds)) {
			if (!stored || typeof stored !== 'object' || !Array.isArray(stored.o)) continue;
			const o = stored.o.filter(isStoredObservation).slice(-MAX_STORED_OBSERVATIONS);
			kinds[kind] = { n: Math.max(Number(stored.n) || 0, o.length), at: Number(stored.at) || 0, o };
		}
	}
	return { v: 1, kinds };
}

export interface SharedDurations {
	/** Observations other processes stored for this kind. */
	observations: DurationObservation[];
	/** How many observations were ever stored for the kind (by anyone). */
	total: number;
}

/** What other processes stored for this kind in this workflow. */
export function storedDurations(staticData: IDataObject, kind: string, processId = PROCESS_ID): SharedDurations {
	const stored = readStore(staticData).kinds[kind];
	if (!stored) return { observations: [], total: 0 };
	const observations = stored.o
		.filter(([, , writer]) => writer !== processId)
		.map(([after, by]) => ({ afterMs: after * TENTHS, byMs: by === null ? Infinity : by * TENTHS }));
	return { observations, total: stored.n };
}

/**
 * Adds one observation (widened to whole tenths of a second, so it stays true) and bounds the store.
 * The store is written back as a whole: n8n notices the change and saves it with the workflow.
 */
export function storeDuration(
	staticData: IDataObject,
	kind: string,
	observation: DurationObservation,
	options: { processId?: string; nowS?: number } = {},
): void {
	const store = readStore(staticData);
	const stored = store.kinds[kind] ?? { n: 0, at: 0, o: [] };
	const after = Math.max(0, Math.floor(observation.afterMs / TENTHS));
	const by = Number.isFinite(observation.byMs) ? Math.max(after, Math.ceil(observation.byMs / TENTHS)) : null;
	stored.o = [...stored.o, [after, by, options.processId ?? PROCESS_ID] as StoredObservation].slice(-MAX_STORED_OBSERVATIONS);
	stored.n += 1;
	stored.at = options.nowS ?? Math.floor(Date.now() / 1000);
	const others = Object.entries(store.kinds)
		.filter(([name]) => name !== kind)
		.sort(([, a], [, b]) => b.at - a.at);
	store.kinds = Object.fromEntries([[kind, stored] as const, ...others].slice(0, MAX_STORED_KINDS));
	staticData[STORE_KEY] = store as unknown as IDataObject;
}
