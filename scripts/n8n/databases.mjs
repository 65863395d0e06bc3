// @ts-check
// Debian's Redis and PostgreSQL 15 for n8n's queue mode: each on 127.0.0.1 and a free port, with its
// data in a throwaway folder, in the foreground (so it is stopped by its process id).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startDaemon } from './daemon.mjs';
import { freePort } from './instance.mjs';
import { runProcess } from './processes.mjs';

/** Where Debian's postgresql package puts the server programs (they are not on PATH). */
export const POSTGRES_BIN = '/usr/lib/postgresql/15/bin';

/** @param {string} folder */
export async function startRedis(folder) {
	mkdirSync(folder, { recursive: true });
	const port = await freePort();
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', folder];
	const daemon = startDaemon('redis', 'redis-server', args, { cwd: folder, logFile: join(folder, 'redis.log') });
	await daemon.waitFor(/Ready to accept connections/, 20_000);
	/** @param {string[]} command */
	const cli = async (command) => {
		const run = await runProcess('redis-cli', ['-h', '127.0.0.1', '-p', String(port), '--no-raw', ...command], { cwd: folder, timeoutMs: 30_000 });
		if (run.code !== 0) throw new Error(`redis-cli ${command.join(' ')} exited with ${run.code}: ${run.stderr}`);
		return run.stdout;
	};
	return {
		port,
		daemon,
		cli,
		/** Every key with its value as redis-cli prints it: what a leak search needs to read. */
		async dumpAll() {
			const keys = (await cli(['--scan'])).split('\n').map((key) => key.replace(/^"|"$/g, '')).filter(Boolean);
			const values = [];
			for (const key of keys) {
				const type = (await cli(['type', key])).trim();
				const read = { string: ['get', key], hash: ['hgetall', key], list: ['lrange', key, '0', '-1'], set: ['smembers', key], zset: ['zrange', key, '0', '-1', 'withscores'] }[type];
				values.push(`${key} (${type})\n${read ? await cli(read) : ''}`);
			}
			return { keys, text: values.join('\n') };
		},
		stop: () => daemon.stop('SIGTERM'),
	};
}

/** PostgreSQL refuses to run as root: as root, its programs run as the `postgres` user. */
function asPostgresUser(command, args) {
	return process.getuid?.() === 0 ? { command: 'runuser', args: ['-u', 'postgres', '--', command, ...args] } : { command, args };
}

/** @param {string} program @param {string[]} args @param {string} cwd */
async function runPostgresProgram(program, args, cwd) {
	const { command, args: fullArgs } = asPostgresUser(join(POSTGRES_BIN, program), args);
	const run = await runProcess(command, fullArgs, { cwd, timeoutMs: 120_000 });
	if (run.code !== 0) throw new Error(`${program} ${args.join(' ')} exited with ${run.code}:\n${run.stdout}\n${run.stderr}`);
	return run.stdout;
}

/**
 * Data and socket folder in a new folder of its own (the postgres user cannot enter the caller's
 * private temporary folders); `remove()` deletes it after `stop()`.
 * @param {string} database created empty
 */
export async function startPostgres(database) {
	if (!existsSync(join(POSTGRES_BIN, 'postgres'))) {
		throw new Error(`PostgreSQL 15 is not installed (${POSTGRES_BIN} is missing): apt-get install postgresql`);
	}
	const folder = mkdtempSync(join(tmpdir(), 'odirouter-postgres-'));
	if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'postgres:postgres', folder]);
	const data = join(folder, 'data');
	await runPostgresProgram('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'], folder);
	const port = await freePort();
	// A test database: durability settings off, for speed.
	const settings = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
	const { command, args } = asPostgresUser(join(POSTGRES_BIN, 'postgres'), ['-D', data, '-p', String(port), '-k', folder, '-h', '127.0.0.1', ...settings]);
	const daemon = startDaemon('postgres', command, args, { cwd: folder, logFile: join(folder, 'postgres.log') });
	await daemon.waitFor(/database system is ready to accept connections/, 30_000);
	const connection = ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres'];
	await runPostgresProgram('psql', [...connection, '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE ${database}`], folder);
	return {
		port,
		database,
		daemon,
		/** One SQL statement's rows, tab-separated, without headers. @param {string} sql */
		query: (sql) => runPostgresProgram('psql', [...connection, '-d', database, '-v', 'ON_ERROR_STOP=1', '-At', '-F', '\t', '-c', sql], folder),
		/** The whole database as SQL text (pg_dump). */
		dump: () => runPostgresProgram('pg_dump', [...connection, '-d', database], folder),
		/** A fast shutdown (SIGINT): open connections are closed, nothing waits for clients. */
		stop: () => daemon.stop('SIGINT'),
		remove: () => rmSync(folder, { recursive: true, force: true }),
	};
}
