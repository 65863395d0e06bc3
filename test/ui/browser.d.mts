import type { Browser } from 'playwright-core';

export declare const screenshotFolder: string;
export declare function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }>;
