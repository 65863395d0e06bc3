import { Container } from '@n8n/di';
import { BinaryDataService, ExecuteContext } from 'n8n-core';
import type {
	IBinaryData,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeType,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { OdiRouterApi } from '../credentials/OdiRouterApi.credentials';
import { router } from '../nodes/OdiRouter/actions/router';
import type { Timing } from '../nodes/OdiRouter/clock';
import { OdiRouter } from '../nodes/OdiRouter/OdiRouter.node';

export interface RunOptions {
	parameters: IDataObject;
	items?: INodeExecutionData[];
	credentials: { apiKey: string; baseUrl: string };
	continueOnFail?: boolean;
	abort?: AbortController;
	/** Run as the AI agent tool n8n generates from the node (type `odiRouterTool`). */
	asTool?: boolean;
	/** n8n's Retry On Fail runs the node again with the same execution ID and run index; a fresh ID by default. */
	executionId?: string;
	runIndex?: number;
	/** The node's clocks (harness/fastWaits.ts, harness/retryPauses.ts); when left out, the node class runs on the system's. */
	timing?: Timing;
}

export interface RunResult {
	items: INodeExecutionData[];
	error: (Error & { description?: string; context?: IDataObject; httpCode?: string }) | null;
}

const NODE_TYPE = 'n8n-nodes-odirouter.odiRouter';
const nodeType: INodeType = new OdiRouter();
const credentialType = new OdiRouterApi();

/** The node as n8n loads it, but with `timing` passed to the real router instead of the system's. */
function nodeTypeWith(timing: Timing): INodeType {
	return {
		description: nodeType.description,
		execute: async function (this: IExecuteFunctions) {
			return await router.call(this, timing);
		},
	};
}

let binaryReady: Promise<void> | null = null;

/** n8n's binary data service in its default (in-memory) mode, as a plain n8n instance has it. */
export function ensureBinaryDataService(): Promise<void> {
	binaryReady ??= Container.get(BinaryDataService).init();
	return binaryReady;
}

/**
 * The credential's generic `authenticate` block, resolved with n8n's own expression engine the way
 * n8n's CredentialsHelper does it: headers come from the credential type, not from this test.
 */
function authenticate(
	workflow: Workflow,
	node: INode,
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): IHttpRequestOptions {
	const headers = { ...(requestOptions.headers ?? {}) } as IDataObject;
	for (const [key, value] of Object.entries(credentialType.authenticate.properties.headers ?? {})) {
		headers[key] = workflow.expression.getSimpleParameterValue(
			node,
			value as string,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		) as string;
	}
	return { ...requestOptions, headers };
}

interface ContextSetup {
	nodeType: INodeType;
	node: INode;
	credentials: ICredentialDataDecryptedObject;
	items: INodeExecutionData[];
	abort: AbortController;
	mode?: WorkflowExecuteMode;
	executionId?: string;
	runIndex?: number;
}

let executions = 0;

/** n8n-core's own ExecuteContext for one node, with a credentials helper that authenticates for real. */
export function buildContext(setup: ContextSetup): ExecuteContext {
	const { nodeType: type, node, items } = setup;
	const workflow = new Workflow({
		id: 'wf-test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: { getByName: () => type, getByNameAndVersion: () => type, getKnownTypes: () => ({}) },
	});
	const additionalData = {
		executionId: setup.executionId ?? `exec-test-${++executions}`,
		credentialsHelper: {
			getParentTypes: () => [],
			isCredentialUsableByNode: () => true,
			getDecrypted: async () => ({ ...setup.credentials }),
			authenticate: async (
				decrypted: ICredentialDataDecryptedObject,
				_type: string,
				requestOptions: IHttpRequestOptions,
			) => authenticate(workflow, node, decrypted, requestOptions),
			preAuthentication: async () => undefined,
		},
	} as unknown as IWorkflowExecuteAdditionalData;
	const runExecutionData = {
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			nodeExecutionStack: [],
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	} as unknown as IRunExecutionData;
	return new ExecuteContext(
		workflow,
		node,
		additionalData,
		setup.mode ?? 'manual',
		runExecutionData,
		setup.runIndex ?? 0,
		items,
		{ main: [items] },
		{ node, data: { main: [items] }, source: null },
		[],
		setup.abort.signal,
	);
}

/** Runs the real node class in n8n-core's real execution context; its HTTP goes to the network. */
export async function runNode(options: RunOptions): Promise<RunResult> {
	await ensureBinaryDataService();
	// n8n names the tool variant's type `<name>Tool`; its `@tool` display options follow that name.
	const description = options.asTool ? { ...nodeType.description, name: 'odiRouterTool' } : nodeType.description;
	const parameters = NodeHelpers.getNodeParameters(
		description.properties,
		options.parameters as never,
		true,
		false,
		null,
		description,
	) as IDataObject;
	const node: INode = {
		id: 'odirouter-node',
		name: 'OdiRouter',
		type: options.asTool ? `${NODE_TYPE}Tool` : NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: { odiRouterApi: { id: 'cred-1', name: 'OdiRouter account' } },
		continueOnFail: options.continueOnFail,
		onError: options.continueOnFail ? 'continueRegularOutput' : undefined,
	};
	const type = options.timing ? nodeTypeWith(options.timing) : nodeType;
	const context = buildContext({
		nodeType: type,
		node,
		credentials: { ...options.credentials },
		items: options.items ?? [{ json: {} }],
		abort: options.abort ?? new AbortController(),
		executionId: options.executionId,
		runIndex: options.runIndex,
	});
	try {
		const output = await type.execute!.call(context);
		return { items: (output as INodeExecutionData[][])[0] ?? [], error: null };
	} catch (error) {
		return { items: [], error: error as RunResult['error'] };
	}
}

/** The bytes behind an output binary, wherever n8n stored them (on disk in its default mode). */
export async function binaryBytes(binary: IBinaryData | undefined): Promise<Buffer> {
	if (!binary) return Buffer.alloc(0);
	return await Container.get(BinaryDataService).getAsBuffer(binary);
}
