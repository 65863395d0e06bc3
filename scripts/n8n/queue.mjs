// @ts-check
// n8n in queue mode as production runs it: Redis, PostgreSQL, one main process (`n8n start` with
// EXECUTIONS_MODE=queue: editor, webhooks, the queue's producer) and `n8n worker` processes that run
// the executions. Each n8n process gets its own user folder with our package and its own ports; all
// share the database, Redis and one encryption key. Every process is stopped by its id in stop().
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startDaemon } from './daemon.mjs';
import { startPostgres, startRedis } from './databases.mjs';
import { ensureN8nInstalled } from './install.mjs';
import { createN8n, freePort } from './instance.mjs';

/**
 * @typedef {{
 *   credentials: { id: string, name: string, type: string, data: Record<string, unknown> }[],
 *   workflows: { id: string, nodes?: { type: string, parameters?: { path?: string } }[] }[],
 *   workers?: number,
 *   concurrency?: number,
 *   env?: Record<string, string>,
 *   n8nVersion?: string,
 * }} QueueSetup workflows are imported and published (webhooks answer only for published ones);
 *   n8nVersion: another n8n than the pinned one (the last 1.x, say)
 */

/** @param {{ nodes?: { type: string, parameters?: { path?: string } }[] }[]} workflows */
function webhookPaths(workflows) {
	return workflows.flatMap((workflow) => (workflow.nodes ?? []).filter((node) => node.type === 'n8n-nodes-base.webhook').map((node) => String(node.parameters?.path)));
}

/**
 * n8n's main registers published workflows' webhooks after it says the editor is ready; in queue
 * mode it keeps them in the database, which says when all of them answer.
 * @param {import('./databases.mjs').Postgres} postgres @param {string[]} paths
 */
async function waitForWebhooks(postgres, paths) {
	const deadline = Date.now() + 120_000;
	for (;;) {
		const registered = (await postgres.query('SELECT "webhookPath" FROM webhook_entity')).split('\n');
		const missing = paths.filter((path) => !registered.includes(path));
		if (missing.length === 0) return;
		if (Date.now() > deadline) throw new Error(`n8n registered no webhook for ${missing.join(', ')} within 120 s`);
		await new Promise((resolveWait) => setTimeout(resolveWait, 500));
	}
}

/**
 * What `n8n publish:workflow --id=…` does (WorkflowRepository.publishVersion: the imported version
 * becomes the active one), for all workflows in one statement instead of one n8n start each.
 * @param {import('./databases.mjs').Postgres} postgres @param {string[]} ids
 */
async function publish(postgres, ids) {
	const list = ids.map((id) => `'${id.replace(/'/g, "''")}'`).join(', ');
	const published = await postgres.query(
		`UPDATE workflow_entity SET active = true, "activeVersionId" = "versionId" WHERE id IN (${list}) AND "versionId" IN (SELECT "versionId" FROM workflow_history WHERE "workflowId" = workflow_entity.id) RETURNING id`,
	);
	const count = published.split('\n').filter((line) => ids.includes(line.trim())).length;
	if (count !== ids.length) throw new Error(`Published ${count} of ${ids.length} workflows (${ids.join(', ')}): is each one imported?`);
}

/** @param {QueueSetup} setup */
export async function startQueueMode(setup) {
	const folder = mkdtempSync(join(tmpdir(), 'odirouter-queue-'));
	const logs = join(folder, 'logs');
	mkdirSync(logs);
	const install = await ensureN8nInstalled(setup.n8nVersion);
	/** @type {{ stop(): Promise<unknown> }[]} stopped in reverse order */
	const started = [];
	/** @type {{ remove(): void }[]} */
	const folders = [];
	/** @type {import('./daemon.mjs').Daemon[]} */
	const workers = [];
	let main;

	async function stop() {
		for (const worker of workers) await worker.stop();
		for (const service of started.reverse()) await service.stop();
		for (const created of folders) created.remove();
		// For a look after the run (CI keeps it as an artifact, say): ODIROUTER_QUEUE_LOGS=<folder>.
		if (process.env.ODIROUTER_QUEUE_LOGS) cpSync(logs, process.env.ODIROUTER_QUEUE_LOGS, { recursive: true });
		rmSync(folder, { recursive: true, force: true });
	}

	try {
		const redis = await startRedis(join(folder, 'redis'));
		started.push(redis);
		const postgres = await startPostgres('n8n');
		started.push(postgres);
		folders.push(postgres);
		/** @type {Record<string, string>} */
		const env = {
			EXECUTIONS_MODE: 'queue',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: postgres.database,
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: '',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
			...setup.env,
		};
		/** A user folder with our package and the shared settings, for one n8n process. */
		const newInstance = async () => {
			const instance = await createN8n({ env, n8nVersion: setup.n8nVersion });
			folders.push(instance);
			if (!existsSync(join(instance.userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-odirouter', 'dist', 'nodes', 'OdiRouter', 'OdiRouter.node.js'))) {
				throw new Error('The packed package has no dist/nodes/OdiRouter/OdiRouter.node.js: run `npm run build` first (or a build ran while it was packed).');
			}
			return instance;
		};

		const admin = await newInstance();
		await admin.importCredentials(setup.credentials);
		await admin.importWorkflow(setup.workflows);
		await publish(postgres, setup.workflows.map((workflow) => workflow.id));

		const port = await freePort();
		main = startDaemon('main', install.nodeBin, [install.n8nBin, 'start'], {
			cwd: admin.userFolder,
			env: { ...admin.env, N8N_PORT: String(port), N8N_LISTEN_ADDRESS: '127.0.0.1' },
			logFile: join(logs, 'main.log'),
		});
		started.push(main);
		const url = `http://127.0.0.1:${port}`;

		let workerCount = 0;
		/**
		 * Starts one more `n8n worker` and resolves when it takes jobs.
		 * @param {Record<string, string>} [workerEnv] settings for this worker only (its binary data mode, say)
		 */
		const startWorker = async (workerEnv = {}) => {
			workerCount += 1;
			const number = workerCount;
			const instance = await newInstance();
			const worker = startDaemon(`worker ${number}`, install.nodeBin, [install.n8nBin, 'worker', `--concurrency=${setup.concurrency ?? 5}`], {
				cwd: instance.userFolder,
				env: { ...instance.env, ...workerEnv, QUEUE_HEALTH_CHECK_PORT: String(await freePort()) },
				logFile: join(logs, `worker-${number}.log`),
			});
			workers.push(worker);
			await worker.waitFor(/n8n worker is now ready/, 120_000);
			return worker;
		};

		await Promise.all([main.waitFor(/Editor is now accessible/, 180_000), ...Array.from({ length: setup.workers ?? 2 }, () => startWorker())]);
		await waitForWebhooks(postgres, webhookPaths(setup.workflows));
		return {
			url,
			main,
			workers,
			redis,
			postgres,
			logFolder: logs,
			startWorker,
			/** @param {string} path @param {unknown} body */
			webhook: (path, body) => fetch(`${url}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}
