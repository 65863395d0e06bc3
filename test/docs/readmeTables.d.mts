export declare const readme: string;
export declare function tableUnder(markdown: string, heading: string): Array<Record<string, string>>;
export declare function sectionUnder(markdown: string, heading: string): string;
