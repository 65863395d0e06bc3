export declare const DEMO_OWNER: { email: string; firstName: string; lastName: string; password: string };
export interface RestClient {
	get(path: string): Promise<Response>;
	post(path: string, body: unknown): Promise<{ status: number; body: any }>;
}
export declare function setUpOwner(url: string, owner?: typeof DEMO_OWNER): Promise<RestClient>;
