const { readdirSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const { src, dest, series } = require('gulp');

// `n8n-node build` compiles and copies icons; the codex files (*.node.json) and the package's
// licence also belong next to the compiled node, so the build copies them here.
function copyCodex() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

function copyLicence() {
	return src(['LICENSE.md'], { allowEmpty: true }).pipe(dest('dist'));
}

// `n8n-node build` copies every PNG and SVG of the project into dist/, so the example image and
// demo output would be published too: only compiled code and icons belong in the package.
const PACKAGE_FOLDERS = new Set(['credentials', 'icons', 'nodes']);

function removeStrayAssets(done) {
	for (const entry of readdirSync('dist', { withFileTypes: true })) {
		if (entry.isDirectory() && !PACKAGE_FOLDERS.has(entry.name)) rmSync(join('dist', entry.name), { recursive: true, force: true });
	}
	done();
}

exports['build:assets'] = series(copyCodex, copyLicence, removeStrayAssets);
