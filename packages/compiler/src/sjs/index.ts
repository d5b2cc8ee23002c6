/**
 * SJS (`.sjs`) modules: validated against the documented subset and compiled into lazily
 * initialised, function-wrapped singletons for view.js.
 */
export { compileSjsFile, EMPTY_SJS_MODULE, type CompiledSjsModule } from './compile.ts';
export { SJS_CODES } from './codes.ts';
export { SJS_PROVIDED_GLOBALS, SJS_VALUE_GLOBALS } from './globals.ts';
