// @ts-check
// A scripted stand-in for an OpenAI-compatible chat-completions server, on 127.0.0.1: each request
// gets the next reply of the current script (a tool call or a final text), and every request body
// is logged, so a test can read exactly what the model was sent: the tools' schemas and results.
import { createServer } from 'node:http';

/** @typedef {import('./scriptedModel.d.mts').ChatRequest} ChatRequest */
/** @typedef {import('./scriptedModel.d.mts').Reply} Reply */
/** @typedef {import('./scriptedModel.d.mts').Step} Step */

/** @param {unknown} content */
function contentText(content) {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((part) => (typeof part === 'string' ? part : String(part?.text ?? ''))).join('');
	return JSON.stringify(content);
}

/** The text of the tool results in a request, in order. @param {ChatRequest} request */
export function toolResults(request) {
	return request.messages.filter((message) => message.role === 'tool').map((message) => contentText(message.content));
}

/** The last tool result in a request, parsed (n8n sends JSON text). @param {ChatRequest} request */
export function lastToolResult(request) {
	const results = toolResults(request);
	if (results.length === 0) throw new Error('The request carries no tool result');
	return JSON.parse(results[results.length - 1]);
}

/** @param {ChatRequest} request @param {Reply} reply @param {number} callNumber */
function completion(request, reply, callNumber) {
	const calls = 'tools' in reply ? reply.tools : 'tool' in reply ? [reply] : [];
	const message =
		calls.length > 0
			? {
					role: 'assistant',
					content: null,
					tool_calls: calls.map((call, n) => ({
						id: `call_${callNumber}_${n}`,
						type: 'function',
						function: { name: call.tool, arguments: JSON.stringify(call.args) },
					})),
				}
			: { role: 'assistant', content: 'text' in reply ? reply.text : '' };
	return {
		id: `chatcmpl-${callNumber}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: request.model,
		choices: [{ index: 0, message, finish_reason: calls.length > 0 ? 'tool_calls' : 'stop' }],
		usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
	};
}

/** The same answer as server-sent events, for a client that asked for `stream: true`. */
function writeStream(response, body) {
	const { message, finish_reason } = body.choices[0];
	const delta = message.tool_calls
		? { role: 'assistant', content: null, tool_calls: message.tool_calls.map((call, index) => ({ index, ...call })) }
		: { role: 'assistant', content: message.content };
	const chunk = (choice, extra = {}) => ({ id: body.id, object: 'chat.completion.chunk', created: body.created, model: body.model, choices: [choice], ...extra });
	response.writeHead(200, { 'content-type': 'text/event-stream' });
	response.write(`data: ${JSON.stringify(chunk({ index: 0, delta, finish_reason: null }))}\n\n`);
	response.write(`data: ${JSON.stringify(chunk({ index: 0, delta: {}, finish_reason }, { usage: body.usage }))}\n\n`);
	response.end('data: [DONE]\n\n');
}

/** @returns {Promise<import('./scriptedModel.d.mts').ScriptedModel>} */
export async function startScriptedModel() {
	/** @type {ChatRequest[]} */
	const requests = [];
	/** @type {Step[]} */
	let script = [];

	const server = createServer((request, response) => {
		const send = (status, body) => {
			response.writeHead(status, { 'content-type': 'application/json' });
			response.end(JSON.stringify(body));
		};
		const fail = (status, message) => send(status, { error: { message, type: 'scripted_model' } });
		if (request.method === 'GET' && request.url?.endsWith('/models')) {
			return send(200, { object: 'list', data: [{ id: 'scripted-model', object: 'model', owned_by: 'test' }] });
		}
		if (request.method !== 'POST' || !request.url?.endsWith('/chat/completions')) return fail(404, `No route ${request.method} ${request.url}`);
		const chunks = [];
		request.on('data', (chunk) => chunks.push(chunk));
		request.on('end', () => {
			/** @type {ChatRequest} */
			let chat;
			try {
				chat = JSON.parse(Buffer.concat(chunks).toString('utf8'));
			} catch (error) {
				return fail(400, `Unreadable body: ${error.message}`);
			}
			requests.push(chat);
			const step = script.shift();
			if (!step) return fail(500, `The script has no reply left for request ${requests.length}`);
			let reply;
			try {
				reply = typeof step === 'function' ? step(chat) : step;
			} catch (error) {
				return fail(500, `The script failed: ${error.message}`);
			}
			const answer = completion(chat, reply, requests.length);
			if (chat.stream) return writeStream(response, answer);
			send(200, answer);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;

	return {
		baseUrl: `http://127.0.0.1:${port}/v1`,
		requests,
		play(steps) {
			script = [...steps];
		},
		remaining: () => script.length,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
