export declare const COMMIT: string;
/** The `i`th routine line of the cycle, at `time` (ISO 8601). */
export declare function routineLine(time: string, i: number): string;
