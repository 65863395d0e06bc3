import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import type { EndpointKind, Fault, Simulator, SimulatorOptions } from '../../../simulator/server.mjs';
import { startSimulator } from '../../../simulator/server.mjs';
import { dataUrl, png } from '../../../harness/images';
import { visibleText } from '../../../harness/items';
import { fastTiming } from '../../../harness/fastWaits';
import { recordedRetryPauses } from '../../../harness/retryPauses';
import type { RunResult } from '../../../harness/runNode';
import { runNode } from '../../../harness/runNode';

type Operation = 'submit' | 'getStatus' | 'getResult' | 'cancel' | 'submitAndWait';

interface FaultCase {
	fault: string;
	operation: Operation;
	/** Endpoint the fault is put on, and on which of its calls (1-based); default: the first call. */
	on: EndpointKind;
	inject: Fault;
	calls?: number[];
	simulator?: SimulatorOptions;
	outcome: 'ok' | 'error';
	/** Calls the faulted endpoint must see in total (1 = no retry). */
	endpointCalls: number;
	/** Tasks the server created for the one item: never more than one. */
	tasksCreated: number;
	errorMentions?: string[];
	baseUrl?: string;
}

const image = dataUrl(png(1280, 720));
/** Submit and Wait's polling runs this many times faster than real time (tasks last as much less). */
const WAIT_SPEED_UP = 10;
/** Retry backoffs run in virtual time (recorded, ended at once); the HTTP is real. */
const timing = fastTiming(WAIT_SPEED_UP, recordedRetryPauses().clock);
const RETRYABLE_FOR_READS: Array<[string, Fault]> = [
	['429 with Retry-After', { status: 429, retryAfter: '1' }],
	['429 without Retry-After', { status: 429 }],
	['500', { status: 500 }],
	['502', { status: 502 }],
	['503', { status: 503 }],
	['504', { status: 504 }],
	['HTML error page (502)', { html: true, status: 502 }],
	['malformed JSON (200)', { malformed: true }],
	['empty body (200)', { empty: true }],
	['slow answer past the timeout', { delayMs: 1600 }],
	['connection dropped before the body', { drop: 'before' }],
	['connection dropped after the body', { drop: 'after' }],
];
const READ_OPERATIONS: Array<[Operation, EndpointKind]> = [
	['getStatus', 'status'],
	['getResult', 'result'],
	['cancel', 'cancel'],
	['submitAndWait', 'status'],
];

const cases: FaultCase[] = [];
for (const [fault, inject] of RETRYABLE_FOR_READS) {
	for (const [operation, on] of READ_OPERATIONS) {
		cases.push({ fault, operation, on, inject, outcome: 'ok', endpointCalls: 2, tasksCreated: 1 });
	}
	const refusedByGateway = inject.status === 429;
	cases.push({
		fault,
		operation: 'submit',
		on: 'submit',
		inject,
		outcome: refusedByGateway ? 'ok' : 'error',
		endpointCalls: refusedByGateway ? 2 : 1,
		tasksCreated: refusedByGateway ? 1 : 0,
		errorMentions: refusedByGateway ? [] : ['may have been created', 'not sent again'],
	});
}
cases.push(
	{ fault: 'download breaks half-way', operation: 'getResult', on: 'file', inject: { breakAfterBytes: 10_000 }, outcome: 'ok', endpointCalls: 2, tasksCreated: 1 },
	{ fault: 'download breaks half-way', operation: 'submitAndWait', on: 'file', inject: { breakAfterBytes: 10_000 }, outcome: 'ok', endpointCalls: 2, tasksCreated: 1 },
	{ fault: 'download 410 (the link expired)', operation: 'getResult', on: 'file', inject: { status: 410 }, outcome: 'error', endpointCalls: 1, tasksCreated: 1, errorMentions: ['refused the download (410)', 'Run Get Result again'] },
	{ fault: 'download 403', operation: 'submitAndWait', on: 'file', inject: { status: 403 }, outcome: 'error', endpointCalls: 1, tasksCreated: 1, errorMentions: ['refused the download (403)', 'Run Get Result again'] },
	{ fault: 'download 429 with Retry-After', operation: 'getResult', on: 'file', inject: { status: 429, retryAfter: '2' }, outcome: 'ok', endpointCalls: 2, tasksCreated: 1 },
	{ fault: 'download 500 every time', operation: 'getResult', on: 'file', inject: { status: 500 }, calls: [1, 2, 3, 4, 5], outcome: 'error', endpointCalls: 4, tasksCreated: 1, errorMentions: ['download', 'Get Result'] },
	{ fault: '401 mid-wait (key revoked)', operation: 'submitAndWait', on: 'status', inject: { status: 401 }, calls: [2], simulator: { durationMs: 20_000 }, outcome: 'error', endpointCalls: 2, tasksCreated: 1, errorMentions: ['API key was rejected (401)'] },
	{ fault: '404 unknown request id', operation: 'getStatus', on: 'status', inject: { status: 404 }, outcome: 'error', endpointCalls: 1, tasksCreated: 1, errorMentions: ['Not found (404)'] },
	{ fault: '404 unknown request id', operation: 'getResult', on: 'result', inject: { status: 404 }, outcome: 'error', endpointCalls: 1, tasksCreated: 1, errorMentions: ['Not found (404)'] },
	{ fault: '404 unknown request id', operation: 'cancel', on: 'cancel', inject: { status: 404 }, outcome: 'error', endpointCalls: 1, tasksCreated: 1, errorMentions: ['Not found (404)'] },
	{ fault: 'COMPLETED with error', operation: 'getResult', on: 'result', inject: {}, simulator: { failWhenPromptIncludes: '' }, outcome: 'error', endpointCalls: 1, tasksCreated: 1, errorMentions: ['The task failed'] },
	{ fault: 'COMPLETED with error', operation: 'submitAndWait', on: 'status', inject: {}, simulator: { failWhenPromptIncludes: '' }, outcome: 'error', endpointCalls: 1, tasksCreated: 1, errorMentions: ['The task failed', 'INFERENCE_FAILURE'] },
	{ fault: 'result without a video URL', operation: 'getResult', on: 'result', inject: {}, simulator: { resultShape: 'none' }, outcome: 'error', endpointCalls: 1, tasksCreated: 1, errorMentions: ['no video URL'] },
	{ fault: 'result without a video URL', operation: 'submitAndWait', on: 'result', inject: {}, simulator: { resultShape: 'none' }, outcome: 'error', endpointCalls: 1, tasksCreated: 1, errorMentions: ['no video URL'] },
	{ fault: '500 on every retry', operation: 'getStatus', on: 'status', inject: { status: 500 }, calls: [1, 2, 3, 4, 5], outcome: 'error', endpointCalls: 4, tasksCreated: 1, errorMentions: ['(500)', 'Tried 4 times'] },
	{ fault: 'connection refused', operation: 'submit', on: 'submit', inject: {}, baseUrl: 'http://127.0.0.1:9/model', outcome: 'error', endpointCalls: 0, tasksCreated: 0, errorMentions: ['ECONNREFUSED', 'Tried 4 time(s)'] },
);

const OPERATION_PARAMETERS: Record<Operation, IDataObject> = {
	submit: { operation: 'submit', imageUrl: image },
	getStatus: { operation: 'getStatus' },
	getResult: { operation: 'getResult' },
	cancel: { operation: 'cancel' },
	submitAndWait: { operation: 'submitAndWait', imageUrl: image, options: { pollInterval: 1, maxWait: 30, requestTimeout: 1 } },
};

/** For operations on an existing task: one made without faults, finished so that a result exists. */
async function existingTask(sim: Simulator, operation: Operation): Promise<string | null> {
	if (operation === 'submit' || operation === 'submitAndWait') return null;
	const { items } = await runNode({ parameters: { operation: 'submit', imageUrl: image }, credentials: { apiKey: sim.apiKey, baseUrl: sim.baseUrl }, timing });
	const requestId = items[0].json.request_id as string;
	if (operation !== 'cancel') sim.finish(requestId);
	return requestId;
}

function callsOf(sim: Simulator, kind: EndpointKind, since: number): number {
	return sim.log.slice(since).filter((entry) => entry.kind === kind || (kind === 'file' && entry.path.startsWith('/files/'))).length;
}

describe.concurrent(`fault matrix (${cases.length} cases)`, () => {
	for (const fault of cases) {
		it(`${fault.fault} × ${fault.operation} → ${fault.outcome}, ${fault.endpointCalls} ${fault.on} call(s), ${fault.tasksCreated} task(s)`, async () => {
			const sim = await startSimulator({ durationMs: 300 / WAIT_SPEED_UP, ...fault.simulator });
			try {
				const requestId = await existingTask(sim, fault.operation);
				const since = sim.log.length;
				const tasksBefore = sim.tasks.size;
				if (Object.keys(fault.inject).length > 0) sim.inject(fault.on, fault.inject, fault.calls ?? [1]);
				const result: RunResult = await runNode({
					parameters: { ...OPERATION_PARAMETERS[fault.operation], ...(requestId ? { requestId } : {}), options: { requestTimeout: 1, ...(OPERATION_PARAMETERS[fault.operation].options as IDataObject) } },
					credentials: { apiKey: sim.apiKey, baseUrl: fault.baseUrl ?? sim.baseUrl },
					continueOnFail: true,
					timing,
				});
				expect(result.error).toBeNull();
				expect(result.items).toHaveLength(1);
				const json = result.items[0].json;
				if (fault.outcome === 'ok') {
					expect(json.error ?? null).toBeNull();
				} else {
					expect(typeof json.error).toBe('string');
					// The message alone says what happened and what to do: an agent's model sees nothing else.
					for (const mention of fault.errorMentions ?? []) expect(json.error).toContain(mention);
				}
				expect(callsOf(sim, fault.on, since)).toBe(fault.endpointCalls);
				const created = sim.tasks.size - tasksBefore + (requestId ? 1 : 0);
				expect(created).toBe(fault.tasksCreated);
				// Nothing lost: once a task exists, its id is on the item, error or not.
				const taskId = requestId ?? [...sim.tasks.keys()][tasksBefore];
				if (taskId) expect(json.request_id).toBe(taskId);
				// Nothing leaked: the key is nowhere in what the user sees.
				expect(visibleText(result)).not.toContain(sim.apiKey);
				// The key only ever goes to the API host.
				for (const entry of sim.log) {
					if (entry.host === 'video' || entry.path.startsWith('/files/')) expect(entry.auth).toBeNull();
				}
			} finally {
				await sim.close();
			}
		});
	}
});
