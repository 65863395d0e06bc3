import type { SimulatorOptions } from '../simulator/server.mjs';

export interface SimulatorProcess {
	baseUrl: string;
	/** The simulator's own origin (it also serves test images under /images/). */
	origin: string;
	apiKey: string;
	videoBytes: number;
	pid: number;
	close(): Promise<void>;
}
export declare function startSimulatorProcess(options: SimulatorOptions): Promise<SimulatorProcess>;
