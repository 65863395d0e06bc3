// @ts-check
// A line of figures on the e2e test's output (n8n's node lint keeps `console` and `process` out of .ts files).

/** @param {string} line */
export function report(line) {
	process.stdout.write(`[e2e] ${line}\n`);
}
