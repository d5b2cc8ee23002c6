/**
 * The `{{ }}` expression compiler: parse the expression language real templates use, and
 * generate JavaScript that reads only from the render scope, template locals, SJS bindings and
 * frozen template globals, with every call and dynamic read dispatched through the prelude's guards.
 */
export type { ExprNode } from './ast.ts';
export { parseExpression, parseObjectBody, type ExpressionError, type ParseResult } from './parser.ts';
export { generateExpression, isConstant, literal, propertyAccess, type Binding, type ExprScope } from './codegen.ts';
export { isReservedProperty, RESERVED_PROPERTIES, SIMPLE_IDENTIFIER } from './reserved.ts';
export { TEMPLATE_GLOBALS, isTemplateGlobal } from './globals.ts';

import { generateExpression, type ExprScope } from './codegen.ts';
import { parseExpression, type ExpressionError } from './parser.ts';

export interface CompiledExpression {
  /** JavaScript source of the value; `(void 0)` when the expression could not be compiled. */
  code: string;
  /** Problems found, errors and warnings alike (the code's declared severity says which: `declaredSeverity`). */
  errors: ExpressionError[];
}

/** Parse and generate in one step. Never throws. */
export function compileExpression(src: string, scope: ExprScope): CompiledExpression {
  const parsed = parseExpression(src);
  if (!parsed.node) return { code: '(void 0)', errors: parsed.error ? [parsed.error] : [] };
  const out = generateExpression(parsed.node, scope);
  return out.errors.length ? { code: '(void 0)', errors: [...parsed.warnings, ...out.errors] } : { code: out.code, errors: parsed.warnings };
}
