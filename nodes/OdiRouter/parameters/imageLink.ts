import type { LinkAnswer } from '../transport/imageProbe';
import { LINK_PROBE_BYTES } from '../transport/imageProbe';
import type { ImageProblem } from './image';
import { FORMATS_TEXT, imageVerdict, MAX_IMAGE_MB, MIN_SHORT_SIDE_PX, TALLEST_ASPECT, WIDEST_ASPECT } from './image';

export type LinkVerdict =
	| { verdict: 'passed' }
	| ({ verdict: 'refused' } & ImageProblem)
	| { verdict: 'not checked'; reason: string };

export const LINK_RULE = `a link that serves a ${FORMATS_TEXT} image, short side over ${MIN_SHORT_SIDE_PX} px, width/height between ${TALLEST_ASPECT} and ${WIDEST_ASPECT}, under ${MAX_IMAGE_MB} MB (checked from n8n; the Check Image Link option turns this off)`;

/**
 * Whether a linked image may be submitted. Only what is clearly wrong is refused (gone, not an image,
 * too small, wrong aspect, too large); anything n8n cannot judge is "not checked", because the API
 * may still reach the host.
 */
export function linkVerdict(answer: LinkAnswer): LinkVerdict {
	const { statusCode } = answer;
	if (statusCode === 404 || statusCode === 410) {
		return { verdict: 'refused', problem: `is not there: its host answered ${statusCode}`, allowed: LINK_RULE };
	}
	if (statusCode < 200 || statusCode > 299) return { verdict: 'not checked', reason: `the host answered ${statusCode}` };
	const image = imageVerdict(answer.head, answer.totalBytes ?? answer.head.length);
	if (image.ok) return { verdict: 'passed' };
	// A header that goes on past the bytes read is not a damaged file.
	if (image.rule === 'header' && !answer.complete) {
		return { verdict: 'not checked', reason: `its pixel size is not in its first ${LINK_PROBE_BYTES / 1024} kB` };
	}
	return { verdict: 'refused', problem: image.problem, allowed: image.rule === 'format' ? LINK_RULE : image.allowed };
}
