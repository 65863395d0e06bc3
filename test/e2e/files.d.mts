export declare function tempFolder(prefix: string): string;
export declare function readBytes(path: string): Buffer | null;
export declare function removeFolder(path: string): void;
export declare function copyFile(from: string, to: string): void;
