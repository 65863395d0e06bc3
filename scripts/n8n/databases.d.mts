import type { Daemon } from './daemon.mjs';

export declare const POSTGRES_BIN: string;

export interface Redis {
	port: number;
	daemon: Daemon;
	cli(command: string[]): Promise<string>;
	dumpAll(): Promise<{ keys: string[]; text: string }>;
	stop(): Promise<unknown>;
}

export interface Postgres {
	port: number;
	database: string;
	daemon: Daemon;
	query(sql: string): Promise<string>;
	dump(): Promise<string>;
	stop(): Promise<unknown>;
	remove(): void;
}

export declare function startRedis(folder: string): Promise<Redis>;
export declare function startPostgres(database: string): Promise<Postgres>;
