import type { IDataObject } from 'n8n-workflow';

export const DEFAULT_MODEL = 'minimax_hailuo_23_fast_i2v';

export type NormalisedStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled' | 'unknown';

export type Resolution = '768P' | '1080P';

export type Duration = 6 | 10;

/** What the API does with a setting a submit leaves out (the provider's documented defaults). */
export const API_DEFAULTS = {
	resolution: '768P',
	duration: 6,
	prompt_optimizer: true,
	fast_pretreatment: false,
	aigc_watermark: false,
} as const satisfies Partial<SubmitBody>;

/** The documented submit body; optional fields are sent only when the user set them. */
export interface SubmitBody {
	first_frame_image: string;
	prompt?: string;
	duration?: Duration;
	resolution?: Resolution;
	prompt_optimizer?: boolean;
	fast_pretreatment?: boolean;
	aigc_watermark?: boolean;
}

export interface SubmitResponse extends IDataObject {
	request_id: string;
	status_url: string | null;
	response_url: string | null;
	cancel_url: string | null;
	queue_position: number | null;
}

export interface TaskStatus extends IDataObject {
	request_id: string;
	status: NormalisedStatus;
	done: boolean;
	queue_position: number | null;
	error: string | null;
	error_type: string | null;
	raw: IDataObject;
}

export interface VideoResult extends IDataObject {
	request_id: string;
	status: NormalisedStatus;
	video_url: string | null;
	content_type: string | null;
	file_name: string | null;
	file_size: number | null;
	duration: number | null;
	width: number | null;
	height: number | null;
	raw: IDataObject;
}

export interface CancelResult extends IDataObject {
	request_id: string;
	cancelled: boolean;
	result: string | null;
}
