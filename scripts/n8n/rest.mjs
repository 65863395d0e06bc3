// @ts-check
// n8n's own REST API as its editor uses it: set up the owner account, then call it with the cookie.

export const DEMO_OWNER = { email: 'demo@odirouter.local', firstName: 'Demo', lastName: 'Owner', password: 'OdiRouter-demo-1' };

const BROWSER_ID = 'odirouter-local';

/** Creates the owner account of a fresh n8n and returns a client logged in as it. */
export async function setUpOwner(url, owner = DEMO_OWNER) {
	const headers = { 'content-type': 'application/json', 'browser-id': BROWSER_ID };
	const response = await fetch(`${url}/rest/owner/setup`, { method: 'POST', headers, body: JSON.stringify(owner) });
	if (!response.ok) throw new Error(`n8n owner setup answered ${response.status}: ${await response.text()}`);
	const cookie = response.headers
		.getSetCookie()
		.map((line) => line.split(';')[0])
		.join('; ');
	return {
		/** A logged-in GET of any server path, e.g. /types/nodes.json. @param {string} path */
		get: (path) => fetch(`${url}${path}`, { headers: { ...headers, cookie } }),
		/** @param {string} path under /rest @param {unknown} body */
		async post(path, body) {
			const answer = await fetch(`${url}/rest${path}`, { method: 'POST', headers: { ...headers, cookie }, body: JSON.stringify(body) });
			return { status: answer.status, body: await answer.json().catch(() => null) };
		},
	};
}
