import { describe, expect, it } from 'vitest';

import { unreachableReason } from '../../nodes/OdiRouter/transport/imageProbe';

/** An error shaped as n8n's request helper throws it: a Node network code, at the top or in `cause`. */
const networkError = (code: string, inCause = false) => Object.assign(new Error(`connect ${code} 10.0.0.5:443 secret-internal-host`), inCause ? { cause: { code } } : { code });

describe('why a link could not be read, in our own words only', () => {
	it.each<[string, unknown, number | null, string]>([
		['our own deadline', new Error('aborted'), 10_000, 'no answer within 10 s'],
		['a shorter Request Timeout', new Error('aborted'), 1_000, 'no answer within 1 s'],
		['DNS: no such host', networkError('ENOTFOUND'), null, 'its host name was not found from n8n'],
		['DNS: lookup failed', networkError('EAI_AGAIN', true), null, 'its host name could not be looked up from n8n'],
		['connection refused', networkError('ECONNREFUSED'), null, 'its host refused the connection'],
		['connection reset (in cause)', networkError('ECONNRESET', true), null, 'the connection was reset'],
		['no route', networkError('EHOSTUNREACH'), null, 'its host cannot be reached from n8n'],
		['axios timeout', networkError('ECONNABORTED'), null, 'its host did not answer in time'],
		['socket timeout', networkError('ETIMEDOUT'), null, 'its host did not answer in time'],
		['too many redirects', networkError('ERR_FR_TOO_MANY_REDIRECTS'), null, 'it redirects more than 5 times'],
		['self-signed certificate', networkError('DEPTH_ZERO_SELF_SIGNED_CERT'), null, 'its TLS certificate is not trusted by n8n'],
		['n8n\'s SSRF protection (private address)', Object.assign(new Error('blocked 10.0.0.5'), { name: 'SsrfBlockedIpError' }), null, 'n8n\'s network settings do not allow its address'],
		['n8n\'s SSRF protection (host name)', Object.assign(new Error('blocked intranet'), { name: 'SsrfBlockedHostnameError' }), null, 'n8n\'s network settings do not allow its address'],
		['anything else', new Error('<html>internal admin page</html>'), null, 'n8n could not read it'],
		['not an error at all', 'weird', null, 'n8n could not read it'],
		['undefined', undefined, null, 'n8n could not read it'],
	])('%s → %s', (_name, error, timedOutAfterMs, expected) => {
		const reason = unreachableReason(error, timedOutAfterMs);
		expect(reason).toBe(expected);
		expect(reason).not.toMatch(/secret|internal|10\.0\.0\.5/);
	});
});
