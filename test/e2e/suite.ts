import { inject } from 'vitest';

import type { N8nInstance } from '../../scripts/n8n/instance.mjs';
import { createN8n } from '../../scripts/n8n/instance.mjs';
import { odiRouterCredential } from '../../scripts/n8n/examples.mjs';
import type { LogEntry, Simulator, SimulatorOptions } from '../../simulator/server.mjs';
import { startSimulator } from '../../simulator/server.mjs';
import { removeFolder, tempFolder } from './files.mjs';

export const REJECTED_BEARER = ['wrong', 'e2e', '7f3a9c'].join('-');
export const WRONG_KEY_CREDENTIAL = { id: 'OdiRouterWrong01', name: 'OdiRouter wrong key' };

declare module 'vitest' {
	export interface ProvidedContext {
		/** The n8n version the e2e tests run on (test/e2e/installN8n.mjs). */
		n8nVersion: string;
	}
}

export interface E2eSuite {
	sim: Simulator;
	n8n: N8nInstance;
	/** A folder the n8n may read and write (Read/Write Files from Disk). */
	files: string;
	close(): Promise<void>;
}

/** A simulator and a real n8n with our package, the examples' credential and one with a wrong key. */
export async function startSuite(simulatorOptions: SimulatorOptions): Promise<E2eSuite> {
	const sim = await startSimulator(simulatorOptions);
	const files = tempFolder('odirouter-e2e-files-');
	const n8n = await createN8n({ fileAccess: [files], n8nVersion: inject('n8nVersion') });
	await n8n.importCredentials([
		odiRouterCredential({ apiKey: sim.apiKey, baseUrl: sim.baseUrl }),
		odiRouterCredential({ apiKey: REJECTED_BEARER, baseUrl: sim.baseUrl, ...WRONG_KEY_CREDENTIAL }),
	]);
	return {
		sim,
		n8n,
		files,
		async close() {
			await sim.close();
			n8n.remove();
			removeFolder(files);
		},
	};
}

/** The simulator's log entries from `mark` on: what one run sent. */
export function requestsSince(sim: Simulator, mark: number): LogEntry[] {
	return sim.log.slice(mark);
}

export function submitsSince(sim: Simulator, mark: number): LogEntry[] {
	return requestsSince(sim, mark).filter((entry) => entry.kind === 'submit');
}
