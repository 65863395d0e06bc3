/** An n8n workflow as exported: only the parts the tests touch are typed. */
export interface WorkflowDocument {
	id: string;
	name: string;
	nodes: Array<{ name: string; type: string; parameters: Record<string, any>; onError?: string; credentials?: Record<string, { id: string; name: string }>; [key: string]: unknown }>;
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

export declare const sampleImagePath: string;
export declare const EXAMPLE_CREDENTIAL: { id: string; name: string };
export declare const DEFAULT_BASE_URL: string;
export declare function loadExamples(): Array<{ file: string; workflow: WorkflowDocument }>;
export declare function loadExample(prefix: string): WorkflowDocument;
export declare function nodeNamed(workflow: WorkflowDocument, name: string): WorkflowDocument['nodes'][number];
export declare function imageFileToVideo(paths: { imagePath: string; videoFolder: string }): WorkflowDocument;
export declare function withWaitSeconds(workflow: WorkflowDocument, seconds: number): WorkflowDocument;
export declare function odiRouterCredential(settings: { apiKey: string; baseUrl?: string; id?: string; name?: string }): {
	id: string;
	name: string;
	type: string;
	data: { apiKey: string; baseUrl: string };
};
