import { describe, expect, it } from 'vitest';

import { taskFields } from '../../nodes/OdiRouter/parameters/taskFields';
import { API_DEFAULTS } from '../../nodes/OdiRouter/transport/types';

// n8n's lint wants each default written out in the field; these rows keep them equal to what the API
// does when a setting is left out, which is also what learned durations are keyed by.
describe('task field defaults are the API\'s defaults', () => {
	it.each([
		['resolution', 'resolution'],
		['duration', 'duration'],
		['promptOptimizer', 'prompt_optimizer'],
		['fastPretreatment', 'fast_pretreatment'],
		['aigcWatermark', 'aigc_watermark'],
	] as const)('%s defaults to the API\'s %s', (field, apiName) => {
		const defaults = taskFields.filter((candidate) => candidate.name === field).map((candidate) => candidate.default);
		expect(defaults.length).toBeGreaterThan(0);
		for (const value of defaults) expect(value).toBe(API_DEFAULTS[apiName]);
	});
});
