const { src, dest, series } = require('gulp');

// `n8n-node build` compiles and copies icons; the codex files (*.node.json) and the package's
// licence also belong next to the compiled node, so the build copies them here.
function copyCodex() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

function copyLicence() {
	return src(['LICENSE.md'], { allowEmpty: true }).pipe(dest('dist'));
}

exports['build:assets'] = series(copyCodex, copyLicence);
