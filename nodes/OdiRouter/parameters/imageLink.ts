import type { ImageProblem } from './image';
import { FORMATS_TEXT, imageVerdict, MAX_IMAGE_MB, MIN_SHORT_SIDE_PX, TALLEST_ASPECT, WIDEST_ASPECT } from './image';

/** How much of a linked image is read: the header of any JPG, PNG or WebP fits, bar giant metadata. */
export const LINK_PROBE_BYTES = 256 * 1024;

/** What the image host answered, reduced to what the verdict needs (never its text or headers). */
export interface LinkAnswer {
	statusCode: number;
	/** The file's whole size when the host says it (Content-Range total, or Content-Length of a 200). */
	totalBytes: number | null;
	/** The first bytes of the body (at most about LINK_PROBE_BYTES). */
	head: Buffer;
	/** Whether `head` is the whole file. */
	complete: boolean;
}

export type LinkVerdict =
	| { verdict: 'passed' }
	| ({ verdict: 'refused' } & ImageProblem)
	| { verdict: 'not checked'; reason: string };

export const LINK_RULE = `a link that serves a ${FORMATS_TEXT} image, short side over ${MIN_SHORT_SIDE_PX} px, width/height between ${TALLEST_ASPECT} and ${WIDEST_ASPECT}, under ${MAX_IMAGE_MB} MB (checked from n8n; the Check Image Link option turns this off)`;

/** The file's whole size from `Content-Range: bytes 0-262143/734003` or a full answer's Content-Length. */
export function totalBytesOf(statusCode: number, contentRange: unknown, contentLength: unknown): number | null {
	if (statusCode === 206) {
		const total = /\/\s*(\d+)\s*$/.exec(typeof contentRange === 'string' ? contentRange : '');
		return total ? Number(total[1]) : null;
	}
	const length = typeof contentLength === 'string' || typeof contentLength === 'number' ? Number(contentLength) : NaN;
	return Number.isFinite(length) && length >= 0 ? length : null;
}

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
