export declare function readLogFiles(folder: string): { files: string[]; text: string };
export declare function report(line: string): void;
