import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { isFinal, normaliseStatus, normaliseStatusWord } from '../../nodes/OdiRouter/transport/status';
import type { NormalisedStatus } from '../../nodes/OdiRouter/transport/types';

describe('status words', () => {
	it.each<[unknown, NormalisedStatus]>([
		['IN_QUEUE', 'queued'],
		['queued', 'queued'],
		['Queueing', 'queued'],
		['Preparing', 'queued'],
		['pending', 'queued'],
		['IN_PROGRESS', 'running'],
		['Processing', 'running'],
		['running', 'running'],
		['COMPLETED', 'completed'],
		['Success', 'completed'],
		['succeeded', 'completed'],
		['Fail', 'failed'],
		['FAILED', 'failed'],
		['error', 'failed'],
		['CANCELLED', 'cancelled'],
		['canceled', 'cancelled'],
		['CANCELLATION_REQUESTED', 'cancelled'],
		['  completed  ', 'completed'],
		['DONE', 'unknown'],
		['', 'unknown'],
		[3, 'unknown'],
		[null, 'unknown'],
		[undefined, 'unknown'],
	])('%j → %s', (word, expected) => {
		expect(normaliseStatusWord(word)).toBe(expected);
	});

	it.each<[NormalisedStatus, boolean]>([
		['queued', false],
		['running', false],
		['unknown', false],
		['completed', true],
		['failed', true],
		['cancelled', true],
	])('%s is final: %s', (status, expected) => {
		expect(isFinal(status)).toBe(expected);
	});
});

describe('a status body as one shape', () => {
	it.each<[string, IDataObject, IDataObject]>([
		['queued with its position', { status: 'IN_QUEUE', queue_position: 3 }, { status: 'queued', done: false, queue_position: 3, error: null, error_type: null }],
		['queue position as text', { status: 'IN_QUEUE', queue_position: '7' }, { queue_position: 7 }],
		['queue position unreadable', { status: 'IN_QUEUE', queue_position: 'soon' }, { queue_position: null }],
		['running', { status: 'IN_PROGRESS' }, { status: 'running', done: false }],
		['completed', { status: 'COMPLETED' }, { status: 'completed', done: true, error: null }],
		['COMPLETED with an error is failed', { status: 'COMPLETED', error: 'Inference failed', error_type: 'INFERENCE_FAILURE' }, { status: 'failed', done: true, error: 'Inference failed', error_type: 'INFERENCE_FAILURE' }],
		['unknown word with an error is failed', { status: 'WEIRD', error: 'boom' }, { status: 'failed', done: true, error: 'boom' }],
		['unknown word without an error stays unknown', { status: 'WEIRD' }, { status: 'unknown', done: false, error: null }],
		['failed without a message gets one', { status: 'FAILED' }, { status: 'failed', error: 'The task failed without an error message' }],
		['failed with error_message', { status: 'Fail', error_message: 'NSFW input' }, { status: 'failed', error: 'NSFW input' }],
		['error_message alone does not fail a running task', { status: 'IN_PROGRESS', error_message: 'stale' }, { status: 'running', error: null }],
		['error as an object with a message', { status: 'FAILED', error: { message: 'Bad image', code: 'E1' } }, { error: 'Bad image' }],
		['error as an object with msg', { status: 'FAILED', error: { msg: 'Bad prompt' } }, { error: 'Bad prompt' }],
		['error as an object without text', { status: 'FAILED', error: { code: 7 } }, { error: '{"code":7}' }],
		['empty error is no error', { status: 'COMPLETED', error: '' }, { status: 'completed', error: null }],
		['cancelled', { status: 'CANCELLED' }, { status: 'cancelled', done: true }],
	])('%s', (_name, raw, expected) => {
		const status = normaliseStatus('mmsu_1', raw);
		expect(status).toMatchObject({ request_id: 'mmsu_1', raw, ...expected });
	});
});
