export function readDurationsFile(file: string): number[];
export function durationsFromEnv(): number[] | null;
