import type { IExecuteFunctions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { readOptions } from '../../nodes/OdiRouter/parameters/options';

/** A context whose Options collection is `options`, on the ordinary node or as an agent's tool. */
function contextWith(options: unknown, asTool = false): IExecuteFunctions {
	return {
		getNodeParameter: () => options,
		getNode: () => ({ type: asTool ? 'n8n-nodes-odirouter.odiRouterTool' : 'n8n-nodes-odirouter.odiRouter' }),
	} as unknown as IExecuteFunctions;
}

describe('poll settings from the Options', () => {
	it.each([
		// [options as saved in the workflow, target ms, floor ms]
		[{}, 2000, 1000],
		[{ pollInterval: 5 }, 2000, 5000], // saved by an older version: still the shortest gap
		[{ targetNoticeDelay: 4.5, pollInterval: 2 }, 4500, 2000],
		[{ targetNoticeDelay: 0.1, pollInterval: 0 }, 500, 1000],
		[{ targetNoticeDelay: 'soon', pollInterval: null }, 2000, 1000],
	])('%j → target %s ms, Poll Interval %s ms', (options, targetDelayMs, minIntervalMs) => {
		expect(readOptions(contextWith(options), 0).poll).toEqual({ targetDelayMs, minIntervalMs });
	});
});

describe('the other Options, with the bounds and defaults of their definitions', () => {
	it.each([
		// [options, request timeout ms, max concurrency, max wait ms]
		[{}, 30_000, 5, 600_000],
		[{ requestTimeout: 900, maxConcurrency: 80, maxWait: 0 }, 600_000, 50, 1000],
		[{ requestTimeout: 0, maxConcurrency: 0.4, maxWait: 45 }, 30_000, 1, 45_000],
		[{ requestTimeout: -3, maxConcurrency: 'many', maxWait: 'long' }, 30_000, 5, 600_000],
		[{ requestTimeout: 2.5, maxConcurrency: 7.9 }, 2500, 7, 600_000],
	])('%j → timeout %s ms, %s at once, Max Wait %s ms', (options, requestTimeoutMs, maxConcurrency, maxWaitMs) => {
		expect(readOptions(contextWith(options), 0)).toMatchObject({ requestTimeoutMs, maxConcurrency, maxWaitMs });
	});

	it('gives an agent tool a 60 s Max Wait unless the workflow sets one', () => {
		expect(readOptions(contextWith({}, true), 0).maxWaitMs).toBe(60_000);
		expect(readOptions(contextWith({ maxWait: 300 }, true), 0).maxWaitMs).toBe(300_000);
	});

	it.each([
		[{}, true, false, 'data'],
		[{ checkImageLink: false, cancelOnTimeout: true, binaryPropertyOutput: ' video ' }, false, true, 'video'],
		[{ checkImageLink: 'false', cancelOnTimeout: 'true', binaryPropertyOutput: '  ' }, false, false, 'data'],
	])('%j → check link %s, cancel on timeout %s, field %s', (options, checkImageLink, cancelOnTimeout, binaryProperty) => {
		expect(readOptions(contextWith(options), 0)).toMatchObject({ checkImageLink, cancelOnTimeout, binaryProperty });
	});
});
