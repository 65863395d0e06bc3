// @ts-check
// Processes the harness started are killed when the harness process goes, however it goes: a normal
// exit, or a signal (Ctrl-C, vitest stopping its workers, a CI timeout). Without this an interrupted
// test run leaves its n8n running, and it slows every measurement after it.
//
// Each process is started in its own process group (spawn's `detached`: OWN_GROUP) and killed by group,
// so the children it started (n8n's task runner) go with it.

/** @type {Set<number>} process group ids still running */
const groups = new Set();

/** Start children in their own process group (Windows has none: there the child alone is signalled). */
export const OWN_GROUP = process.platform !== 'win32';

/** @param {number} pid @param {NodeJS.Signals} signal */
export function signalGroup(pid, signal) {
	try {
		process.kill(OWN_GROUP ? -pid : pid, signal);
	} catch {
		// the group is gone already
	}
}

function killAll() {
	for (const pid of groups) signalGroup(pid, 'SIGKILL');
	groups.clear();
}

process.once('exit', killAll);
for (const signal of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
	process.once(signal, () => {
		// A script that handles the signal itself stops its processes gracefully, then exits (and
		// 'exit' kills what is left). Otherwise this process would end at once by that signal.
		if (process.listenerCount(signal) > 0) return;
		killAll();
		process.kill(process.pid, signal);
	});
}
// A vitest worker whose runner went away without a signal: nothing will stop its processes but us.
process.once('disconnect', killAll);

/**
 * Kills the process group `pid` leads if this process ends first. Call the returned function when
 * the leader has ended: whatever it left behind in its group (a task runner, a background child) is
 * killed then.
 * @param {number} pid
 */
export function stopOnExit(pid) {
	groups.add(pid);
	return () => {
		groups.delete(pid);
		// Without groups (Windows) there is nothing left to kill, and the ended pid may be reused.
		if (OWN_GROUP) signalGroup(pid, 'SIGKILL');
	};
}
