import { describe, expect, it } from 'vitest';

import { CAMERA_MOVEMENT_VALUES, promptLength, promptWithCameraMovements } from '../../nodes/OdiRouter/parameters/camera';

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

describe('prompt length in Unicode characters, as the API counts', () => {
	it.each<[string, string, number]>([
		['ASCII', 'A cat walks', 11],
		['empty', '', 0],
		['camera move (CJK, one unit each)', 'A cat [左移,推进]', 13],
		['emoji (two UTF-16 units each)', '🐈🐈🐈', 3],
		['1,001 emoji', '😀'.repeat(1001), 1001],
		['accented letter, precomposed', 'café', 4],
		['flag (two code points)', '🇫🇷', 2],
	])('%s', (_name, prompt, expected) => {
		expect(promptLength(prompt)).toBe(expected);
	});
});
