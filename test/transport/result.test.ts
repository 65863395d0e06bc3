import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { findVideo, parseVideoResult } from '../../nodes/OdiRouter/transport/result';

const URL_A = 'https://cdn.example.com/a.mp4';
const URL_B = 'https://cdn.example.com/b.mp4';

describe('where the video is in a result', () => {
	it.each<[string, IDataObject, string | null]>([
		['outputs[] with a video', { outputs: [{ type: 'video', url: URL_A }] }, URL_A],
		['outputs[]: the video before an image', { outputs: [{ type: 'image', url: URL_B }, { type: 'video', url: URL_A }] }, URL_A],
		['outputs[] without a type', { outputs: [{ url: URL_B }] }, URL_B],
		['outputs[] skips entries that are not objects', { outputs: ['x', null, { url: URL_A }] }, URL_A],
		['video_url', { video_url: URL_A }, URL_A],
		['video.url', { video: { url: URL_A } }, URL_A],
		['file.download_url', { file: { download_url: URL_A } }, URL_A],
		['nested in data', { data: { video_url: URL_A } }, URL_A],
		['nested in output', { output: { outputs: [{ type: 'video', url: URL_A }] } }, URL_A],
		['the top level before data', { video_url: URL_A, data: { video_url: URL_B } }, URL_A],
		['outputs[] before video_url', { outputs: [{ url: URL_B }], video_url: URL_A }, URL_B],
		['http is accepted', { video_url: 'http://cdn.example.com/a.mp4' }, 'http://cdn.example.com/a.mp4'],
		['not a web URL', { video_url: 'ftp://cdn.example.com/a.mp4' }, null],
		['a URL that is not text', { video_url: 42 }, null],
		['nothing', {}, null],
	])('%s', (_name, body, expected) => {
		expect(findVideo(body)?.url ?? null).toBe(expected);
	});
});

describe('a result as one shape', () => {
	it.each<[string, IDataObject, IDataObject]>([
		[
			'details from the output entry',
			{ outputs: [{ type: 'video', url: URL_A, content_type: 'video/webm', file_name: 'clip.webm', file_size: '1843200', duration: 6, width: 1366, height: 768 }] },
			{ status: 'completed', video_url: URL_A, content_type: 'video/webm', file_name: 'clip.webm', file_size: 1_843_200, duration: 6, width: 1366, height: 768 },
		],
		[
			'defaults: MP4, the name from the URL, unknown sizes null',
			{ video_url: 'https://cdn.example.com/v/mmsu_1%20final.mp4?sig=x' },
			{ content_type: 'video/mp4', file_name: 'mmsu_1 final.mp4', file_size: null, duration: null, width: null, height: null },
		],
		['other spellings: mime_type, filename, size', { video: { url: URL_A, mime_type: 'video/mp4', filename: 'x.mp4', size: 10 } }, { content_type: 'video/mp4', file_name: 'x.mp4', file_size: 10 }],
		['bytes as the size', { file: { download_url: URL_A, bytes: 99 } }, { file_size: 99 }],
		['no video: every video field null', { status: 'COMPLETED' }, { video_url: null, content_type: null, file_name: null }],
		['a failed result stays failed', { status: 'COMPLETED', error: 'Inference failed' }, { status: 'failed' }],
	])('%s', (_name, body, expected) => {
		expect(parseVideoResult('mmsu_1', body)).toMatchObject({ request_id: 'mmsu_1', raw: body, ...expected });
	});
});
