// @ts-check
// `npm run demo`: runs Submit and Wait on a sample image in n8n-core's execution context, against
// the local simulator (or the real API when ODIROUTER_API_KEY is set), and writes the MP4 to disk.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const result = spawnSync('npx', ['vitest', 'run', '--config', 'demo/vitest.demo.config.mjs', '--silent=false', '--reporter=dot'], {
	env: { ...process.env, N8N_USER_FOLDER: mkdtempSync(join(tmpdir(), 'odirouter-demo-')) },
	stdio: ['ignore', 'pipe', 'pipe'],
	encoding: 'utf8',
});
const lines = `${result.stdout}`.split('\n').filter((line) => /^(Local|Real|Request ID|Video written)/.test(line.trim()));
process.stdout.write(`${lines.map((line) => line.trim()).join('\n')}\n`);
if (result.status !== 0) {
	process.stderr.write(`${result.stdout}\n${result.stderr}\n`);
	process.exit(result.status ?? 1);
}
