export declare function startProcessRssSampling(pid: number): { stop(): number };
