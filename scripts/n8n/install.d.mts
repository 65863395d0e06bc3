/** The pinned n8n the project runs on. */
export declare const N8N_VERSION: string;
/** The last n8n 1.x release, for self-hosters still on 1.x. */
export declare const N8N_1_VERSION: string;
