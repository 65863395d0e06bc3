import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidInput } from '../transport/errors';
import { LINK_PROBE_TIMEOUT_MS, probeImageLink } from '../transport/imageProbe';
import type { SubmitBody } from '../transport/types';
import { linkVerdict } from './imageLink';

/** What the output's `image_check` says: `passed`, or `not checked: <why>`. */
export type ImageCheck = 'passed' | `not checked: ${string}`;

/**
 * Checks an image link before the task is billed; throws the same kind of error as bad binary input
 * when the link is clearly bad. A data URL or binary image was already checked whole.
 */
export async function checkFirstFrame(
	ctx: IExecuteFunctions,
	itemIndex: number,
	body: SubmitBody,
	check: { enabled: boolean; requestTimeoutMs: number; signal: AbortSignal },
): Promise<ImageCheck> {
	const image = body.first_frame_image;
	if (image.startsWith('data:')) return 'passed';
	if (!check.enabled) return 'not checked: the Check Image Link option is off';
	const timeoutMs = Math.min(LINK_PROBE_TIMEOUT_MS, check.requestTimeoutMs);
	const probe = await probeImageLink(ctx, image, { timeoutMs, signal: check.signal });
	if ('unreachable' in probe) return `not checked: ${probe.unreachable}`;
	const verdict = linkVerdict(probe.answered);
	if (verdict.verdict === 'refused') throw invalidInput(ctx, itemIndex, 'Image URL', `links to a file that ${verdict.problem}`, verdict.allowed);
	return verdict.verdict === 'passed' ? 'passed' : `not checked: ${verdict.reason}`;
}
