export declare function runDemo(outputFolder: string): Promise<{ code: number | null; stdout: string; stderr: string; seconds: number; videoPath: string | null }>;
