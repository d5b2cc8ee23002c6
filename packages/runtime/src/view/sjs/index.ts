/**
 * SJS (`.sjs`) modules: parsed, checked against the documented subset and compiled into lazily
 * initialised, function-wrapped singletons. The compiler runs this for its diagnostics; the
 * runtime runs it again on the sources a view form carries, so the code that runs is always
 * mpk's own output.
 */
export { compileSjsFile, EMPTY_SJS_MODULE, type CompiledSjs } from './compile.ts';
export { SJS_CODES, type CodeInfo, type Severity } from './codes.ts';
export { SJS_PROVIDED_GLOBALS, SJS_VALUE_GLOBALS, SJS_MATH_CONSTANTS, SJS_MATH_FUNCTIONS, SJS_NUMBER_CONSTANTS, SJS_PLAIN_FUNCTIONS } from './globals.ts';
export { sjsFacts, type SjsFacts } from './facts.ts';
export { SafeHost, type SourceHost } from './host.ts';
export type { SjsProblem } from './problems.ts';
