import { describe, expect, it } from 'vitest';

import { CAMERA_MOVEMENT_VALUES, promptWithCameraMovements } from '../../nodes/OdiRouter/helpers/camera';

describe('camera moves in the prompt', () => {
	it.each<[string, string[], string]>([
		['A cat walks', [], 'A cat walks'],
		['A cat walks', ['推进'], 'A cat walks [推进]'],
		['A cat walks', ['左移', '推进'], 'A cat walks [左移,推进]'],
		['', ['固定'], '[固定]'],
		['', [], ''],
	])('%j with %j → %j', (prompt, moves, expected) => {
		expect(promptWithCameraMovements(prompt, moves)).toBe(expected);
	});

	it('offers the 15 moves the provider documents, each once', () => {
		expect(new Set(CAMERA_MOVEMENT_VALUES).size).toBe(15);
	});
});
