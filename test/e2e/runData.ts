import type { ExecutedItem, ExecuteResult, ExecutionError } from '../../scripts/n8n/instance.mjs';

/** The items a node put on its first output in one of its runs (0 = its first run). */
export function outputOf(result: ExecuteResult, nodeName: string, runIndex = 0): ExecutedItem[] {
	const runs = result.run?.data.resultData.runData[nodeName];
	if (!runs?.[runIndex]) throw new Error(`Node "${nodeName}" has no run ${runIndex}. n8n said:\n${result.stderr.slice(-2000)}`);
	return runs[runIndex].data?.main[0] ?? [];
}

export function runCount(result: ExecuteResult, nodeName: string): number {
	return result.run?.data.resultData.runData[nodeName]?.length ?? 0;
}

/** The error that stopped the workflow, as n8n recorded it. */
export function workflowError(result: ExecuteResult): ExecutionError {
	const error = result.run?.data.resultData.error;
	if (!error) throw new Error(`The run has no error (exit code ${result.code}). n8n said:\n${result.stderr.slice(-2000)}`);
	return error;
}

/** Fails with what n8n printed when the run did not succeed. */
export function assertSucceeded(result: ExecuteResult): void {
	if (result.ok) return;
	const error = result.run?.data.resultData.error;
	throw new Error(
		`The workflow run failed (exit ${result.code}): ${error ? `${error.message} ${error.description ?? ''}` : 'no JSON printed'}\n` +
			`${result.stdout.slice(-1500)}\n${result.stderr.slice(-1500)}`,
	);
}
