export declare const MIN_NODE_MAJOR: number;

export interface Host {
	platform: string;
	arch: string;
	nodeVersion: string;
	execPath: string;
}

interface NodeBinary {
	version: string;
	nodeBin: string;
	nodeBinFolder: string;
	headersFolder: string | null;
}

export type NodeRuntime =
	| (NodeBinary & { source: 'own' })
	| (NodeBinary & { source: 'npm'; packageSpec: string; installFolder: string })
	| { source: 'none'; message: string };

export declare function majorOf(version: string): number;
export declare function chooseNodeRuntime(host: Host, cacheRoot: string): NodeRuntime;
export declare function nodeRuntimeHere(cacheRoot: string): NodeRuntime;
export declare const npmCommand: string;
export declare function pathWithFirst(folder: string, env?: Record<string, string | undefined>): Record<string, string>;
