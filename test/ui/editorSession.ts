import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

import type { N8nInstance, N8nServer } from '../../scripts/n8n/instance.mjs';
import { createN8n } from '../../scripts/n8n/instance.mjs';
import { launchChromium } from './browser.mjs';

export interface EditorSession {
	n8n: N8nInstance;
	server: N8nServer;
	context: BrowserContext;
	page: Page;
	close(): Promise<void>;
}

/**
 * A fresh n8n with these credentials and workflows, its server, and Chromium logged in as the owner
 * of that n8n (a throwaway account whose session cookie stays in the browser context).
 */
export async function openEditor(setup: {
	credentials: Array<{ id: string; name: string; type: string; data: Record<string, unknown> }>;
	workflows: object[];
	viewport: { width: number; height: number };
	owner: { email: string; firstName: string; lastName: string; password: string };
}): Promise<EditorSession> {
	const n8n = await createN8n();
	let server: N8nServer | undefined;
	let chromium: Awaited<ReturnType<typeof launchChromium>> | undefined;
	const close = async () => {
		await chromium?.close();
		await server?.stop();
		n8n.remove();
	};
	let opened = false;
	try {
		await n8n.importCredentials(setup.credentials);
		await n8n.importWorkflow(setup.workflows);
		server = await n8n.startServer();
		chromium = await launchChromium();
		const context = await chromium.browser.newContext({ baseURL: server.url, viewport: setup.viewport });
		context.setDefaultTimeout(60_000);
		const owner = await context.request.post('/rest/owner/setup', { data: setup.owner });
		expect(owner.status()).toBe(200);
		const login = await context.request.post('/rest/login', { data: { emailOrLdapLoginId: setup.owner.email, password: setup.owner.password } });
		expect(login.status()).toBe(200);
		const session = { n8n, server, context, page: await context.newPage(), close };
		opened = true;
		return session;
	} finally {
		if (!opened) await close();
	}
}
