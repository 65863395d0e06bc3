export declare function samplePng(): Buffer;
export declare function writeVideo(fileName: string, bytes: Buffer): string;
export declare function report(line: string): void;
export declare function realApiKey(): string;
