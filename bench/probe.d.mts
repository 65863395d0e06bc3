export declare function startRssSampling(): { stop(): number };
export declare function collectGarbage(): void;
export declare function record(key: string, value: number | string): void;
