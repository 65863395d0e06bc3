// @ts-check
// `npm run check:package`: n8n's community package scanner (@n8n/scan-community-package), run the
// way n8n runs it on a published version, but offline: its lint leg on our `npm pack` tarball (the
// compiled .js and package.json) and its lint leg on our source (package.json, nodes/, credentials/).
// Its first step, the npm provenance check, needs the version published on npm (from GitHub Actions,
// see .github/workflows/publish.yml), so it cannot run before a release. Run `npm run build` first.
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { projectRoot } from '../n8n/install.mjs';
import { packOurPackage, unpackOurPackage } from '../n8n/pack.mjs';

/** What n8n loads: package.json's n8n.nodes and n8n.credentials, their icons, README, licence. */
const SHIPPED = /^(package\.json|README\.md|LICENSE\.md|dist\/(package\.json|LICENSE\.md|(nodes|credentials|icons)\/.+))$/;

const workFolder = mkdtempSync(join(tmpdir(), 'odirouter-scan-'));
// The scanner makes its own temp folder when it is loaded: put it inside ours, removed at the end.
process.env.TMPDIR = workFolder;
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import('@n8n/scan-community-package/scanner/scanner.mjs');

/** @param {string} label @param {{ passed: boolean, message?: string, details?: string }} result */
function report(label, result) {
	process.stdout.write(`${result.passed ? '✅' : '❌'} ${label}${result.passed ? '' : `: ${result.message}\n${result.details ?? ''}`}\n`);
	return result.passed;
}

try {
	const { tarball, files } = packOurPackage();
	process.stdout.write(`npm pack: ${files.length} files, ${(statSync(tarball).size / 1024).toFixed(1)} kB\n${files.map((file) => `  ${file}`).join('\n')}\n`);
	const unexpected = files.filter((file) => !SHIPPED.test(file));
	const contentsOk = report('the tarball holds only what n8n loads', {
		passed: unexpected.length === 0,
		message: `remove these from the package (package.json "files", or the build): ${unexpected.join(', ')}`,
	});

	const unpacked = join(workFolder, 'package');
	mkdirSync(unpacked);
	unpackOurPackage(unpacked);
	// The same file patterns the scanner gives each leg when it scans a published version.
	const tarballOk = report('scanner on the npm pack tarball', await analyzePackage(unpacked, ['**/*.js', 'package.json']));
	const sourceOk = report('scanner on the source', await analyzePackage(projectRoot, SOURCE_FILE_PATTERNS));
	process.stdout.write('ℹ️  provenance: checked by n8n once the version is on npm (published by .github/workflows/publish.yml)\n');
	if (!(contentsOk && tarballOk && sourceOk)) process.exitCode = 1;
} finally {
	rmSync(workFolder, { recursive: true, force: true });
}
