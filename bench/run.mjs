// @ts-check
// `npm run bench [-- --json]`: runs the measure files against the local simulator and prints one
// table (or one JSON object). Figures come from bench/*.measure.ts through bench/probe.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { POSTGRES_BIN } from '../scripts/n8n/databases.mjs';
import { readDurationsFile } from './durationsFile.mjs';

const asJson = process.argv.includes('--json');
const work = mkdtempSync(join(tmpdir(), 'odirouter-bench-'));

/** Runs one measure file in its own vitest process and returns its figures. */
function measure(file, env = {}) {
	const out = join(work, `${file}-${Object.values(env).join('_')}.jsonl`.replace(/[^\w.-]/g, '_'));
	const result = spawnSync('npx', ['vitest', 'run', '--config', 'bench/vitest.bench.config.mjs'], {
		env: { ...process.env, BENCH_FILE: file, BENCH_OUT: out, N8N_USER_FOLDER: work, ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	if (result.status !== 0) {
		process.stderr.write(`${result.stdout}\n${result.stderr}\n`);
		throw new Error(`${file} failed (exit ${result.status})`);
	}
	const figures = {};
	for (const line of readFileSync(out, 'utf8').trim().split('\n')) {
		const { key, value } = JSON.parse(line);
		figures[key] = value;
	}
	return figures;
}

/** One replay's figures (warm, cold or early) from dotted keys under `prefix`. */
const scheduleFigures = (figures, prefix) =>
	Object.fromEntries(
		[
			'meanDelayS',
			'p99DelayS',
			'maxDelayS',
			'requestsPerTask',
			'fixedRequestsPerTask',
			'ratio',
			'oracleRequestsPerTask',
			'efficiency',
			'distributionOracleRequestsPerTask',
			'distributionEfficiency',
		].map((key) => [
			key,
			figures[`${prefix}.${key}`],
		]),
	);
const PHASES = ['warm', 'cold', 'early'];
const phases = (figures, prefix) => Object.fromEntries(PHASES.map((phase) => [phase, scheduleFigures(figures, `${prefix}.${phase}`)]));
const f = (n, digits = 2) => (typeof n === 'number' ? n.toFixed(digits) : String(n));
const learnedRow = (name, which, r) =>
	`| ${name} | ${which} | ${f(r.meanDelayS)} | ${f(r.p99DelayS)} | ${f(r.maxDelayS)} | ${f(r.requestsPerTask)} | ${f(r.fixedRequestsPerTask)} | ${f(r.ratio)} | ${f(r.oracleRequestsPerTask)} | ${f(r.efficiency)} | ${f(r.distributionOracleRequestsPerTask)} | ${f(r.distributionEfficiency)} |`;
const learnedHeader = [
	'| tasks | history | mean delay s | p99 delay s | max delay s | requests / task | equal-delay fixed interval: requests / task | ratio | clairvoyant oracle: requests / task | efficiency | distribution oracle: requests / task | distribution efficiency |',
	'| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
];
const phaseRows = (name, r) => PHASES.map((phase) => learnedRow(name, phase, r[phase]));

// `--durations FILE`: the schedule replayed on the user's own task durations, nothing else.
const durationsAt = process.argv.indexOf('--durations');
if (durationsAt !== -1) {
	const file = process.argv[durationsAt + 1];
	try {
		if (!file || file.startsWith('--')) throw new Error('--durations needs a file: a JSON array of task durations in seconds.');
		readDurationsFile(file);
	} catch (error) {
		process.stderr.write(`error: ${error.message}\n`);
		process.exit(1);
	}
	const own = phases(measure('bench/schedule.measure.ts', { BENCH_DURATIONS: file }), 'durations');
	process.stdout.write(
		asJson
			? `${JSON.stringify(own, null, 2)}\n`
			: `${[`Poll schedule replayed on the durations in ${file} (Target Notice Delay 2 s, Poll Interval 1 s)`, ...learnedHeader, ...phaseRows('yours', own)].join('\n')}\n`,
	);
	process.exit(0);
}

/** The schedule replays' part of the report, and its first table. */
function scheduleReport(schedule) {
	const replay = (prefix) => ({
		meanDelayS: schedule[`${prefix}.meanDelayS`],
		worstDelayS: schedule[`${prefix}.worstDelayS`],
		requestsPerTask: schedule[`${prefix}.requestsPerTask`],
	});
	const report = {
		meanTaskS: schedule['schedule.meanTaskS'],
		tasks: schedule['schedule.tasks'],
		ours: replay('schedule.ours'),
		fixed15s: replay('schedule.fixed15s'),
		fixed05s: replay('schedule.fixed05s'),
		equalDelayFixed: {
			intervalS: schedule['schedule.equalDelayFixed.intervalS'],
			requestsPerTask: schedule['schedule.equalDelayFixed.requestsPerTask'],
		},
		fiveSecond: { ours: replay('schedule.fiveSecond.ours'), fixed15s: replay('schedule.fiveSecond.fixed15s'), fixed05s: replay('schedule.fiveSecond.fixed05s') },
		fastFailure: { ours: replay('schedule.fastFailure.ours'), fixed15s: replay('schedule.fastFailure.fixed15s'), fixed05s: replay('schedule.fastFailure.fixed05s') },
		learned: Object.fromEntries(
			['uniform20to90', 'uniform30to150', 'lognormal45', 'fastFailMix'].map((name) => [name, phases(schedule, `schedule.learned.${name}`)]),
		),
		coldFastFailures: { tasks: schedule['schedule.coldFastFailures.tasks'], maxDelayS: schedule['schedule.coldFastFailures.maxDelayS'] },
	};
	const table = [
		'Learning poll schedule, replayed in virtual time (default settings: Target Notice Delay 2 s, Poll Interval 1 s;',
		'20,000 tasks per phase; warm: after 300 of history; cold: the first 10 tasks of 2,000 fresh processes;',
		'early: tasks 11-50 of 500 fresh processes; at the same mean delay, the clairvoyant oracle: the fewest requests of a plan',
		'that knows when each of these tasks ends; the distribution oracle: of the best plan for their distribution)',
		...learnedHeader,
		...Object.entries(report.learned).flatMap(([name, r]) => phaseRows(name, r)),
		`Fast failures (1-5 s) in the cold runs: ${report.coldFastFailures.tasks} tasks, noticed within ${f(report.coldFastFailures.maxDelayS)} s`,
	];
	return { report, table };
}

// `--schedule`: the poll schedule replays only (virtual time: no simulator, no downloads).
if (process.argv.includes('--schedule')) {
	const { report, table } = scheduleReport(measure('bench/schedule.measure.ts'));
	process.stdout.write(asJson ? `${JSON.stringify({ schedule: report }, null, 2)}\n` : `${table.join('\n')}\n`);
	process.exit(0);
}

if (!asJson) process.stderr.write('Measuring: poll schedules (virtual time), batches (about 30 s), 200 MB downloads...\n');
const scheduled = scheduleReport(measure('bench/schedule.measure.ts'));
const concurrent = measure('bench/concurrent.measure.ts');
const filesystem = measure('bench/memory.measure.ts', { N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem' });
const memory = measure('bench/memory.measure.ts', { N8N_DEFAULT_BINARY_DATA_MODE: 'default' });
// The same video in a queue-mode worker (real n8n, Redis, PostgreSQL): database and filesystem mode.
const queueParts = existsSync(join(POSTGRES_BIN, 'postgres')) && spawnSync('redis-server', ['--version']).status === 0;
if (!queueParts && !asJson) process.stderr.write('Skipping the queue-mode worker figures: Debian redis-server and postgresql are not installed.\n');
// The worker loads the package as `npm pack` makes it from dist/.
if (queueParts && spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'ignore' }).status !== 0) throw new Error('npm run build failed');
const worker = queueParts ? measure('bench/memoryQueueWorker.measure.ts') : {};

const batch = (prefix) => ({
	items: concurrent[`${prefix}.items`],
	wallS: concurrent[`${prefix}.wallS`],
	statusRequestsPerTask: concurrent[`${prefix}.statusRequestsPerTask`],
	medianNoticeDelayS: concurrent[`${prefix}.medianNoticeDelayS`],
	worstNoticeDelayS: concurrent[`${prefix}.worstNoticeDelayS`],
	maxRunningAtOnce: concurrent[`${prefix}.maxRunningAtOnce`],
});

const report = {
	schedule: scheduled.report,
	concurrent: {
		taskS: concurrent['concurrent.taskS'],
		items: concurrent['concurrent.n50.items'],
		wallS: concurrent['concurrent.n50.wallS'],
		sequentialItems: concurrent['concurrent.sequential5.items'],
		sequentialWallS: concurrent['concurrent.sequential5.wallS'],
		runs: { n1: batch('concurrent.n1'), n10: batch('concurrent.n10'), n50: batch('concurrent.n50'), sequential5: batch('concurrent.sequential5') },
	},
	memory: {
		videoMB: filesystem['memory.videoMB'],
		filesystemPeakRssGrowthMB: filesystem['memory.peakRssGrowthMB'],
		memoryPeakRssGrowthMB: memory['memory.peakRssGrowthMB'],
		modesSeen: [filesystem['memory.mode'], memory['memory.mode']],
		queueWorker: {
			databasePeakRssGrowthMB: worker['memory.worker.database.peakRssGrowthMB'] ?? null,
			filesystemPeakRssGrowthMB: worker['memory.worker.filesystem.peakRssGrowthMB'] ?? null,
		},
	},
};

if (asJson) {
	process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
	const s = report.schedule;
	const lines = [
		...scheduled.table,
		'',
		`Poll schedule, replayed in virtual time (${s.tasks} tasks, uniform 20-90 s, mean ${f(s.meanTaskS, 1)} s, warm; default settings)`,
		'| schedule | mean delay s | worst delay s | status requests / task |',
		'| --- | ---: | ---: | ---: |',
		`| ours (learned) | ${f(s.ours.meanDelayS)} | ${f(s.ours.worstDelayS)} | ${f(s.ours.requestsPerTask)} |`,
		`| fixed 15 s (n8n MiniMax node) | ${f(s.fixed15s.meanDelayS)} | ${f(s.fixed15s.worstDelayS)} | ${f(s.fixed15s.requestsPerTask)} |`,
		`| fixed 0.5 s (fal client) | ${f(s.fixed05s.meanDelayS)} | ${f(s.fixed05s.worstDelayS)} | ${f(s.fixed05s.requestsPerTask)} |`,
		`| fixed ${f(s.equalDelayFixed.intervalS)} s (same mean delay as ours) | ${f(s.ours.meanDelayS)} | | ${f(s.equalDelayFixed.requestsPerTask)} |`,
		'',
		'| case | ours mean / worst s, req/task | fixed 15 s | fixed 0.5 s |',
		'| --- | --- | --- | --- |',
		...['fiveSecond', 'fastFailure'].map((key) => {
			const c = s[key];
			const cell = (r) => `${f(r.meanDelayS)} / ${f(r.worstDelayS)}, ${f(r.requestsPerTask)}`;
			return `| ${key === 'fiveSecond' ? '5-s tasks, cold' : 'failure after 2 s, cold'} | ${cell(c.ours)} | ${cell(c.fixed15s)} | ${cell(c.fixed05s)} |`;
		}),
		'',
		`Real runs against the simulator (Submit and Wait, ${report.concurrent.taskS}-s tasks, Poll Interval 1 s)`,
		'| items | Max Concurrent Tasks | wall s | status requests / task | median / worst notice delay s | most running at once |',
		'| ---: | ---: | ---: | ---: | --- | ---: |',
		...Object.entries(report.concurrent.runs).map(([key, r]) =>
			`| ${r.items} | ${key === 'sequential5' ? 1 : 50} | ${f(r.wallS)} | ${f(r.statusRequestsPerTask)} | ${f(r.medianNoticeDelayS)} / ${f(r.worstNoticeDelayS)} | ${r.maxRunningAtOnce} |`,
		),
		'',
		`Memory: peak RSS growth while Get Result stores a ${report.memory.videoMB} MB video`,
		'| n8n binary data mode | peak RSS growth MB | × video size |',
		'| --- | ---: | ---: |',
		`| filesystem (n8n's default) | ${f(report.memory.filesystemPeakRssGrowthMB, 1)} | ${f(report.memory.filesystemPeakRssGrowthMB / report.memory.videoMB)} |`,
		`| memory ("default") | ${f(report.memory.memoryPeakRssGrowthMB, 1)} | ${f(report.memory.memoryPeakRssGrowthMB / report.memory.videoMB)} |`,
		...Object.entries(report.memory.queueWorker).map(([key, growth]) =>
			`| ${key.startsWith('database') ? 'database (queue-mode worker; the queue-mode default)' : 'filesystem (queue-mode worker)'} | ${f(growth, 1)} | ${growth === null ? '' : f(growth / report.memory.videoMB)} |`,
		),
	];
	process.stdout.write(`${lines.join('\n')}\n`);
}
