import type { SimulatorOptions } from '../scripts/simulator/server.mjs';

export interface SimulatorProcess {
	baseUrl: string;
	apiKey: string;
	videoBytes: number;
	pid: number;
	close(): Promise<void>;
}
export declare function startSimulatorProcess(options: SimulatorOptions): Promise<SimulatorProcess>;
