import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from './submitInput';
import type { SubmitBody } from '../transport/types';
import { LINK_PROBE_TIMEOUT_MS, probeImageLink } from '../transport/imageProbe';
import type { ItemRun } from '../actions/itemRun';

export const checkImageLinkOption: INodeProperties = {
	displayName: 'Check Image Link',
	name: 'checkImageLink',
	type: 'boolean',
	default: true,
	description:
		'Whether to read the first bytes of an image given as a link before submitting (one small GET of at most 256 kB to the image host, without your API key, at most 10 s), so a missing, non-JPG/PNG/WebP, too small or wrongly shaped image is refused before it is billed. A host n8n cannot reach does not block the submit.',
};

/** What the output's `image_check` says: `passed`, or `not checked: <why>`. */
export type ImageCheck = 'passed' | `not checked: ${string}`;

function checkIsOff(ctx: IExecuteFunctions, itemIndex: number): boolean {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as Record<string, unknown>;
	return options.checkImageLink === false || options.checkImageLink === 'false';
}

/**
 * Checks an image link before the task is billed; throws the same kind of error as bad binary input
 * when the link is clearly bad. A data URL or binary image was already checked whole.
 */
export async function checkFirstFrame(ctx: IExecuteFunctions, itemIndex: number, body: SubmitBody, run: ItemRun): Promise<ImageCheck> {
	const image = body.first_frame_image;
	if (image.startsWith('data:')) return 'passed';
	if (checkIsOff(ctx, itemIndex)) return 'not checked: the Check Image Link option is off';
	const timeoutMs = Math.min(LINK_PROBE_TIMEOUT_MS, run.client.timeoutMs);
	const verdict = await probeImageLink(ctx, image, { timeoutMs, signal: run.signal });
	if (verdict.verdict === 'refused') throw invalidInput(ctx, itemIndex, 'Image URL', `links to a file that ${verdict.problem}`, verdict.allowed);
	return verdict.verdict === 'passed' ? 'passed' : `not checked: ${verdict.reason}`;
}
