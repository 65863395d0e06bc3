import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { OdiRouter } from '../../nodes/OdiRouter/OdiRouter.node';
import { isRetryable, MAX_ATTEMPTS } from '../../nodes/OdiRouter/transport/retry';
import { readme, sectionUnder, tableUnder } from './readmeTables.mjs';

// The README's Parameters and Options tables and its retry sentences, checked against the node's
// description and the retry policy, so that neither can change without the other.

const properties = new OdiRouter().description.properties;

const OPERATION_NAMES: Record<string, string> = {
	submit: 'Submit',
	getStatus: 'Get Status',
	getResult: 'Get Result',
	cancel: 'Cancel',
	submitAndWait: 'Submit and Wait',
};

const inToolOnly = (property: INodeProperties) => property.displayOptions?.show?.['@tool'] !== undefined;

/** What the editor shows on the ordinary node: no Resource/Operation, notices, collections or tool-only fields. */
const parameters = properties.filter(
	(property) =>
		!['resource', 'operation', 'options'].includes(property.name) && property.type !== 'notice' && !inToolOnly(property),
);

const optionsCollections = properties.filter((property) => property.name === 'options' && property.type === 'collection');

function optionsOf(property: INodeProperties): INodePropertyOptions[] {
	return (property.options ?? []) as INodePropertyOptions[];
}

/** The README's words for a default, as the description holds it. */
function describedDefault(property: INodeProperties): string {
	const value = property.default;
	if (property.type === 'boolean') return value === true ? 'on' : 'off';
	if (property.type === 'options') return optionsOf(property).find((option) => option.value === value)?.name ?? `? ${String(value)}`;
	if (Array.isArray(value)) return value.length === 0 ? 'none' : value.join(', ');
	if (value === '') return 'empty';
	return String(value);
}

/** The README's words for what a field allows, where the description says it (lists, switches, ranges). */
function describedRange(variants: INodeProperties[]): string | null {
	const [property] = variants;
	if (property.type === 'boolean') return 'on, off';
	if (property.type === 'options') {
		const names = variants.flatMap((variant) => optionsOf(variant).map((option) => option.name));
		return [...new Set(names)].join(', ');
	}
	if (property.type === 'number') {
		const { minValue, maxValue } = property.typeOptions ?? {};
		return maxValue === undefined ? `${String(minValue)} or more` : `${String(minValue)}-${String(maxValue)}`;
	}
	return null;
}

/** The README cell without the explanation in parentheses and without Markdown code marks. */
const plain = (cell: string) => cell.replace(/\s*\(.*\)\s*$/, '').replace(/`/g, '').trim();

/** A list of values in any order, for comparing. */
const asSet = (list: string) => list.split(', ').sort().join(', ');

describe('README: the Parameters table', () => {
	const rows = tableUnder(readme, '### Parameters');

	it('lists every parameter the ordinary node shows, once each', () => {
		const documented = rows.map((row) => row.parameter);
		expect([...documented].sort()).toEqual([...new Set(parameters.map((property) => property.displayName))].sort());
		expect(new Set(documented).size).toBe(documented.length);
	});

	it.each(rows.map((row) => [row.parameter, row] as const))('%s: default and allowed values as the node has them', (name, row) => {
		const variants = parameters.filter((property) => property.displayName === name);
		expect(variants.length).toBeGreaterThan(0);
		for (const variant of variants) expect(plain(row.default)).toBe(describedDefault(variant));
		const range = describedRange(variants);
		if (range !== null) expect(asSet(plain(row.allowed))).toBe(asSet(range));
	});
});

describe('README: the Options table', () => {
	const rows = tableUnder(readme, '### Options');
	const allOptions = optionsCollections.flatMap((collection) => collection.options as INodeProperties[]);

	/** The operations whose Options collection holds the option, as the README's operations column names them. */
	function operationsWith(displayName: string): string {
		const holders = optionsCollections.filter((collection) =>
			(collection.options as INodeProperties[]).some((option) => option.displayName === displayName),
		);
		const operations = holders.flatMap((collection) => (collection.displayOptions?.show?.operation ?? []) as string[]);
		if (operations.length === Object.keys(OPERATION_NAMES).length) return 'all';
		return Object.keys(OPERATION_NAMES)
			.filter((operation) => operations.includes(operation))
			.map((operation) => OPERATION_NAMES[operation])
			.sort()
			.join(', ');
	}

	it('lists every option of every operation, once each', () => {
		const documented = rows.map((row) => row.option);
		expect([...documented].sort()).toEqual([...new Set(allOptions.map((option) => option.displayName))].sort());
		expect(new Set(documented).size).toBe(documented.length);
	});

	it.each(rows.map((row) => [row.option, row] as const))('%s: operations, default and range as the node has them', (name, row) => {
		const option = allOptions.find((candidate) => candidate.displayName === name);
		expect(option).toBeDefined();
		if (!option) return;
		expect(asSet(row.operations)).toBe(operationsWith(name));
		expect(plain(row.default)).toBe(describedDefault(option));
		const range = describedRange([option]);
		if (range !== null) expect(asSet(plain(row.allowed))).toBe(asSet(range));
	});
});

describe('README: what it says about retries', () => {
	const section = sectionUnder(readme, '### Retries, billing and n8n\'s Retry On Fail');
	const statusCodes = Array.from({ length: 500 }, (_, index) => index + 100);
	const retriedStatuses = (kind: 'submit' | 'idempotent') =>
		statusCodes.filter((statusCode) => isRetryable(kind, { type: 'status', statusCode, retryAfterMs: null }));

	it('names the attempts the policy makes', () => {
		expect(section).toContain(`up to ${MAX_ATTEMPTS} attempts`);
	});

	it('names exactly the answers on which status, result and cancel are tried again', () => {
		const sentence = /network\s+errors and the answers ([\d, and]+)\./.exec(section);
		expect(sentence).not.toBeNull();
		const named = (sentence?.[1].match(/\d{3}/g) ?? []).map(Number);
		expect(named).toEqual(retriedStatuses('idempotent'));
		expect(isRetryable('idempotent', { type: 'network', reachedServer: true })).toBe(true);
	});

	it('names exactly the answers and failures on which a submit is sent again', () => {
		expect(section).toMatch(/A \*\*submit\*\* is repeated only when the task\s+certainly was not created: on 429, or when the connection never reached OdiRouter\./);
		expect(retriedStatuses('submit')).toEqual([429]);
		expect(isRetryable('submit', { type: 'network', reachedServer: false })).toBe(true);
		expect(isRetryable('submit', { type: 'network', reachedServer: true })).toBe(false);
		expect(retriedStatuses('idempotent').filter((statusCode) => statusCode >= 500)).not.toContain(501);
	});

	it('says "5xx" nowhere as a list of retried answers', () => {
		expect(readme).not.toMatch(/retr[a-z]*[^.]*\b5xx\b/i);
	});
});

describe('README: where it says something costs nothing', () => {
	// Each such sentence, and the test that proves it; a new one must be added here with its proof.
	const proven = new Map([
		['A bad image, prompt or setting is refused before anything is sent, so it costs nothing.', 'test/badInput.test.ts'],
		['A refused input costs nothing; a submitted task is billed even if you stop the workflow, unless you **Cancel** it.', 'test/badInput.test.ts'],
		['The test creates no video and costs nothing.', 'test/credential.test.ts'],
		['Input errors are caught before anything is sent: they cost nothing.', 'test/badInput.test.ts'],
	]);

	it('has only sentences the tests prove', () => {
		const prose = readme
			.split(/\n\s*\n/)
			.filter((paragraph) => !/^\s*[<|`]/.test(paragraph))
			.map((paragraph) => paragraph.replace(/\s*\n\s*/g, ' '));
		const sentences = prose.flatMap((paragraph) => paragraph.split(/(?<=[.!?])\s+(?=[A-Z*])/)).filter((sentence) => /costs? nothing/.test(sentence));
		expect(sentences.sort()).toEqual([...proven.keys()].sort());
	});
});
