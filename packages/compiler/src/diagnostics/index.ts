export type { Diagnostic, Severity } from './diagnostic.ts';
export { isError } from './diagnostic.ts';
export { codeFrame, positionOf } from './frame.ts';
