/**
 * SJS (`.sjs`) modules: checked by the SJS compiler both sides share (@mpk/runtime/view-form)
 * and carried in view.json as source.
 */
export { compileSjsFile, type CompiledSjsModule } from './compile.ts';
export { SJS_CODES, SJS_PROVIDED_GLOBALS, SJS_VALUE_GLOBALS, EMPTY_SJS_MODULE } from '@mpk/runtime/view-form';
