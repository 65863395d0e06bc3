import type { INodePropertyOptions } from 'n8n-workflow';

export const MAX_PROMPT_LENGTH = 2000;

/** Unicode characters (code points), as the API counts them: an emoji is one, not two UTF-16 units. */
export function promptLength(prompt: string): number {
	return [...prompt].length;
}

export const MAX_CAMERA_MOVEMENTS = 3;

/** The provider's inline camera instructions (written inside `[...]` in the prompt). */
export const CAMERA_MOVEMENTS: INodePropertyOptions[] = [
	{ name: 'Pan Left', value: '左摇', description: 'Rotate the camera to the left' },
	{ name: 'Pan Right', value: '右摇', description: 'Rotate the camera to the right' },
	{ name: 'Pedestal Down', value: '下降', description: 'Lower the camera vertically' },
	{ name: 'Pedestal Up', value: '上升', description: 'Raise the camera vertically' },
	{ name: 'Pull Out', value: '拉远', description: 'Move the camera away from the subject' },
	{ name: 'Push In', value: '推进', description: 'Move the camera towards the subject' },
	{ name: 'Shake', value: '晃动', description: 'Handheld shake' },
	{ name: 'Static Shot', value: '固定', description: 'Keep the camera fixed' },
	{ name: 'Tilt Down', value: '下摇', description: 'Tilt the camera downwards' },
	{ name: 'Tilt Up', value: '上摇', description: 'Tilt the camera upwards' },
	{ name: 'Tracking Shot', value: '跟随', description: 'Follow the subject' },
	{ name: 'Truck Left', value: '左移', description: 'Move the camera sideways to the left' },
	{ name: 'Truck Right', value: '右移', description: 'Move the camera sideways to the right' },
	{ name: 'Zoom In', value: '变焦推近', description: 'Zoom the lens in' },
	{ name: 'Zoom Out', value: '变焦拉远', description: 'Zoom the lens out' },
];

export const CAMERA_MOVEMENT_VALUES = CAMERA_MOVEMENTS.map((move) => move.value as string);

/** Appends the moves in the provider's combined syntax, e.g. `A cat walks [左移,推进]`. */
export function promptWithCameraMovements(prompt: string, movements: string[]): string {
	if (movements.length === 0) return prompt;
	const instruction = `[${movements.join(',')}]`;
	return prompt === '' ? instruction : `${prompt} ${instruction}`;
}
