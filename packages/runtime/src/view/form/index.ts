/**
 * The view form (`@mpk/runtime/view-form`): the data a package carries for its templates and SJS,
 * its validation, and the runtime's generator. The compiler produces forms with these types and
 * reuses the pieces both sides need (the expression AST, reserved names, template globals, the SJS
 * compiler), so there is one definition of each.
 */
export * from '../../contract/view-form.ts';
export type * from '../../contract/expression-ast.ts';
export { validateViewForm, ViewFormError, VIEW_FORM_LIMITS } from './validate.ts';
export { loadViewForm, viewSource } from './load.ts';
export { emitUnit, EMPTY_UNIT } from './emit.ts';
export { generateExpression, literal, propertyAccess, type Binding, type ExprScope } from './expression.ts';
export { isReservedProperty, RESERVED_PROPERTIES, SIMPLE_IDENTIFIER } from './reserved.ts';
export { TEMPLATE_GLOBALS, isTemplateGlobal } from './globals.ts';
export { PRELUDE, RENDER_LIMITS } from './prelude.ts';
export { DEFAULT_VIEW_LIMITS, resolveViewLimits, type ViewLimits } from './limits.ts';
export { compilePattern, VIEW_REGEX_ENGINE, type CompiledPattern, type ViewRegexEngine } from './regex.ts';
export {
  compileSjsFile,
  EMPTY_SJS_MODULE,
  SJS_CODES,
  SJS_PROVIDED_GLOBALS,
  SJS_VALUE_GLOBALS,
  sjsFacts,
  SafeHost,
  type CompiledSjs,
  type CodeInfo,
  type Severity,
  type SjsFacts,
  type SjsProblem,
  type SourceHost,
} from '../sjs/index.ts';
