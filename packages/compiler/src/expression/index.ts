/**
 * The `{{ }}` expression compiler: parse the expression language real templates use into the
 * expression tree a view form carries. The tree types, the reserved names, the template globals
 * and the code generator belong to the runtime (@mpk/runtime/view-form), which emits the code.
 */
export type { ExprNode } from '@mpk/runtime/view-form';
export { parseExpression, parseObjectBody, type ExpressionError, type ParseResult } from './parser.ts';
export { isReservedProperty, RESERVED_PROPERTIES, SIMPLE_IDENTIFIER, TEMPLATE_GLOBALS, isTemplateGlobal } from '@mpk/runtime/view-form';

import { generateExpression, type ExprScope } from '@mpk/runtime/view-form';
import { parseExpression, type ExpressionError } from './parser.ts';

export interface CompiledExpression {
  /** JavaScript source of the value, as the runtime emits it; `(void 0)` when the expression does not parse. */
  code: string;
  /** Problems found, errors and warnings alike (the code's declared severity says which: `declaredSeverity`). */
  errors: ExpressionError[];
}

/** Parse, then generate with the runtime's generator (for tools and tests). Never throws. */
export function compileExpression(src: string, scope: ExprScope): CompiledExpression {
  const parsed = parseExpression(src);
  if (!parsed.node) return { code: '(void 0)', errors: [...parsed.warnings, ...(parsed.error ? [parsed.error] : [])] };
  return { code: generateExpression(parsed.node, scope).code, errors: parsed.warnings };
}
