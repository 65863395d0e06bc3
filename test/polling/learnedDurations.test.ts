import { describe, expect, it } from 'vitest';

import { mayWriteWorkflowStore } from '../../nodes/OdiRouter/polling/learnedDurations';

// n8n saves an execution's whole static data over the stored copy: the node adds its durations only
// where no trigger or Code node before it keeps state there that a stale copy could roll back.
describe('mayWriteWorkflowStore', () => {
	it.each([
		{ name: 'a webhook workflow', parents: ['n8n-nodes-base.webhook', 'n8n-nodes-base.set'], triggers: ['n8n-nodes-base.webhook'], allowed: true },
		{ name: 'a form and a chat trigger', parents: ['n8n-nodes-base.formTrigger', '@n8n/n8n-nodes-langchain.chatTrigger'], triggers: ['n8n-nodes-base.formTrigger', '@n8n/n8n-nodes-langchain.chatTrigger'], allowed: true },
		{ name: 'a sub-workflow', parents: ['n8n-nodes-base.executeWorkflowTrigger'], triggers: ['n8n-nodes-base.executeWorkflowTrigger'], allowed: true },
		{ name: 'a schedule trigger (keeps its recurrence in static data)', parents: ['n8n-nodes-base.scheduleTrigger', 'n8n-nodes-base.googleSheets'], triggers: ['n8n-nodes-base.scheduleTrigger'], allowed: false },
		{ name: 'a polling trigger (keeps its last poll in static data)', parents: ['n8n-nodes-base.rssFeedReadTrigger'], triggers: ['n8n-nodes-base.rssFeedReadTrigger'], allowed: false },
		{ name: 'a webhook and a polling trigger', parents: ['n8n-nodes-base.webhook', 'n8n-nodes-base.gmailTrigger'], triggers: ['n8n-nodes-base.webhook', 'n8n-nodes-base.gmailTrigger'], allowed: false },
		{ name: 'a Code node before it (it may use $getWorkflowStaticData)', parents: ['n8n-nodes-base.webhook', 'n8n-nodes-base.code'], triggers: ['n8n-nodes-base.webhook'], allowed: false },
		{ name: 'no trigger before it (a tool, or a node run alone)', parents: [], triggers: [], allowed: false },
	])('$name → $allowed', ({ parents, triggers, allowed }) => {
		expect(mayWriteWorkflowStore(parents, triggers)).toBe(allowed);
	});
});
