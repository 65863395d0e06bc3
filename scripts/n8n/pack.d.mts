export declare function packOurPackage(): { tarball: string; files: string[] };
export declare function unpackOurPackage(folder: string): void;
