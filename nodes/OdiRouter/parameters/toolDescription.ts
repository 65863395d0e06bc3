import type { INodeProperties } from 'n8n-workflow';

import { IMAGE_FORMATS, MAX_IMAGE_MB, MIN_SHORT_SIDE_PX, TALLEST_ASPECT, WIDEST_ASPECT } from './image';
import { TOOL_MAX_WAIT_SECONDS, TOOL_ONLY } from './toolMode';

const IMAGE_RULES = `The image: a public https:// URL or a data:image/...;base64, URL of a ${IMAGE_FORMATS} under ${MAX_IMAGE_MB} MB, short side over ${MIN_SHORT_SIDE_PX} px, width/height between ${TALLEST_ASPECT} and ${WIDEST_ASPECT}.`;
const VIDEO = 'a 6 or 10 second MP4 video (10 s only at 768P; 1080P is 6 s) from a first-frame image and a prompt, with MiniMax Hailuo 2.3 Fast';

/** What the agent's model reads about each operation as a tool (n8n sends it as the tool's description). */
export const TOOL_DESCRIPTIONS = {
	submitAndWait: `Makes ${VIDEO}, and waits for it: usually 20-90 s, at most ${TOOL_MAX_WAIT_SECONDS} s unless the workflow sets Max Wait. ${IMAGE_RULES} Returns JSON with request_id, status, video_url, duration, width, height, file_size. If the video is not ready in time it returns status "running" with the request_id: call Get Result later. Each call starts a new billed task.`,
	submit: `Starts ${VIDEO}, and returns at once with its request_id. ${IMAGE_RULES} The video takes about 20-90 s: then get it with Get Result (Get Status tells whether it is done, Cancel stops it), passing the request_id. Each call starts a new billed task.`,
	getStatus:
		'Tells whether an OdiRouter video task is queued, running, completed, failed or cancelled, from the request_id its submit returned. Returns request_id, status, done (true once final), error and next_step.',
	getResult:
		'Gets the video of an OdiRouter video task from the request_id its submit returned: video_url, duration, width, height, file_size. While the task still runs it returns status "queued" or "running" and video_url null: call again about 30 s later.',
	cancel:
		'Stops a queued or running OdiRouter video task, and its billing, from the request_id its submit returned. Returns cancelled true, or cancelled false with result ALREADY_COMPLETED when the task had already finished.',
} as const;

/**
 * The tool description, shown only in the tool variant. n8n sends a `toolDescription` parameter to
 * the model as the tool's description, and adds no generated one when the node defines it.
 */
export function toolDescriptionField(operation: keyof typeof TOOL_DESCRIPTIONS): INodeProperties {
	const text = TOOL_DESCRIPTIONS[operation];
	return {
		displayName: 'Tool Description',
		name: 'toolDescription',
		type: 'string',
		default: text,
		typeOptions: { rows: 4 },
		description: 'What the AI agent\'s model reads about this tool: what it does, what it needs and what it returns',
		displayOptions: TOOL_ONLY,
	};
}
