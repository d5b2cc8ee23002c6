/**
 * TypeScript declarations from API declarations: a `.d.ts` that adds a host's own APIs to `my`
 * as `@mini-types/alipay` declares it (`declare namespace my`), so an author's TS page
 * type-checks calls to them — options with success/fail/complete, the result type, the Promise.
 */

import type { ObjectSchema, Schema } from './schema.ts';
import type { ApiDefinition, HostApiDefinition } from './types.ts';

/** Where the generated helper types live (kept out of `my` itself). */
const NS = 'MpkHostApis';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function docComment(text: string | undefined, indent: string): string {
  if (!text) return '';
  const lines = text.replace(/\*\//g, '*\\/').split('\n');
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} * ${l}`).join('\n')}\n${indent} */\n`;
}

type Position = 'input' | 'output';

/** The TS type of a schema. Unconstrained values are `unknown` in inputs and `any` in outputs. */
export function schemaToTs(schema: Schema | undefined, position: Position, indent = ''): string {
  if (!schema) return position === 'input' ? 'unknown' : 'any';
  switch (schema.type) {
    case 'string':
      return schema.enum ? schema.enum.map((v) => JSON.stringify(v)).join(' | ') : 'string';
    case 'number':
      return schema.enum ? schema.enum.map(String).join(' | ') : 'number';
    case 'boolean':
      return 'boolean';
    case 'any':
      return position === 'input' ? 'unknown' : 'any';
    case 'array': {
      const item = schemaToTs(schema.items, position, indent);
      return /[|&\s]/.test(item) && !item.startsWith('{') ? `(${item})[]` : `${item}[]`;
    }
    case 'union':
      return [...new Set(schema.anyOf.map((branch) => schemaToTs(branch, position, indent)))].join(' | ');
    case 'object':
      return objectToTs(schema, position, indent);
  }
}

function objectToTs(schema: ObjectSchema, position: Position, indent: string): string {
  const entries = Object.entries(schema.properties ?? {});
  if (entries.length === 0 && !schema.additionalProperties) return position === 'input' ? 'Record<string, unknown>' : 'Record<string, any>';
  const inner = `${indent}  `;
  let body = '';
  for (const [key, prop] of entries) {
    const name = IDENTIFIER.test(key) ? key : JSON.stringify(key);
    const optional = schema.required?.includes(key) ? '' : '?';
    body += docComment(prop.description, inner);
    body += `${inner}${name}${optional}: ${schemaToTs(prop, position, inner)};\n`;
  }
  if (schema.additionalProperties) body += `${inner}[key: string]: ${schemaToTs(schema.additionalProperties, position, inner)};\n`;
  return `{\n${body}${indent}}`;
}

function hasRequired(schema: ObjectSchema | undefined): boolean {
  return (schema?.required?.length ?? 0) > 0;
}

function normalise(definitions: ApiDefinition[] | Record<string, HostApiDefinition>): ApiDefinition[] {
  return Array.isArray(definitions) ? definitions : Object.entries(definitions).map(([name, def]) => ({ ...def, name }));
}

/**
 * A `.d.ts` declaring `definitions` on `my` (and as `my.call('<name>', …)` overloads). Add it to
 * the author's project next to `@mini-types/alipay`.
 */
export function generateApiTypes(definitions: ApiDefinition[] | Record<string, HostApiDefinition>): string {
  const defs = normalise(definitions);
  const helpers: string[] = [
    `  export interface ApiError {\n    error: number;\n    errorMessage: string;\n    [extra: string]: unknown;\n  }`,
    `  export interface Callbacks<R> {\n    success?(result: R): void;\n    fail?(error: ApiError): void;\n    complete?(result: R | ApiError): void;\n  }`,
  ];
  /** Namespace under `my` ('' for `my` itself, `ap` for my.ap.openURL) → its members. */
  const spaces = new Map<string, string[]>([['', []]]);
  const add = (space: string, line: string) => {
    if (!spaces.has(space)) spaces.set(space, []);
    spaces.get(space)!.push(line);
  };

  for (const def of defs) {
    if (def.internal) continue;
    const dot = def.name.lastIndexOf('.');
    const space = dot < 0 ? '' : def.name.slice(0, dot);
    const fn = def.name.slice(dot + 1);
    const indent = space ? '    ' : '  ';
    const base = pascal(def.name.replace(/\.([A-Za-z])/g, (_, c: string) => c.toUpperCase()));
    const options = `${NS}.${base}Options`;
    const result = `${NS}.${base}Result`;
    const description = def.unsupported ? `${def.description ?? `my.${def.name}`}\nNot supported by this host: fails with error ${def.unsupported.error}.` : def.description;
    if (def.kind === 'property') {
      add(space, `${docComment(description, indent)}${indent}export const ${fn}: ${schemaToTs(def.result, 'output', indent)};`);
      continue;
    }
    if (def.kind === 'event') {
      const payload = fn.startsWith('on') ? schemaToTs(def.result, 'output', '  ') : 'any';
      helpers.push(`  export type ${base}Listener = (data: ${payload}) => void;`);
      const optionalCallback = fn.startsWith('off') ? '?' : '';
      add(space, `${docComment(description, indent)}${indent}export function ${fn}(callback${optionalCallback}: ${NS}.${base}Listener): void;`);
      continue;
    }
    helpers.push(`${docComment(`Options of my.${def.name}.`, '  ')}  export type ${base}Options = ${schemaToTs(def.params ?? { type: 'object' }, 'input', '  ')};`);
    if (def.object) {
      const methods = def.object.methods.filter((m) => IDENTIFIER.test(m)).map((m) => `    ${m}(...args: any[]): any;`);
      helpers.push(`${docComment(`The ${def.object.type} my.${def.name} returns.`, '  ')}  export interface ${base}Result {\n${methods.join('\n')}\n    [member: string]: any;\n  }`);
    } else {
      helpers.push(`${docComment(`Result of my.${def.name}.`, '  ')}  export type ${base}Result = ${schemaToTs(def.result, 'output', '  ')};`);
    }
    const optional = hasRequired(def.params) ? '' : '?';
    if (def.kind === 'sync') {
      add(space, `${docComment(description, indent)}${indent}export function ${fn}(options${optional}: ${options}): ${result};`);
      continue;
    }
    let returns = `Promise<${result}>`;
    if (def.task) {
      const lines: string[] = [];
      for (const [method, spec] of Object.entries(def.task.methods)) {
        const methodBase = `${base}${pascal(method)}`;
        helpers.push(`  export type ${methodBase}Options = ${schemaToTs(spec.params ?? { type: 'object' }, 'input', '  ')};`);
        helpers.push(`  export type ${methodBase}Result = ${schemaToTs(spec.result, 'output', '  ')};`);
        const methodOptional = hasRequired(spec.params) ? '' : '?';
        lines.push(`${docComment(spec.description, '    ')}    ${method}(options${methodOptional}: ${methodBase}Options & Callbacks<${methodBase}Result>): Promise<${methodBase}Result>;`);
      }
      for (const event of def.task.events) {
        lines.push(`    on${event}(callback: (data: any) => void): void;`);
        lines.push(`    off${event}(callback?: (data: any) => void): void;`);
      }
      helpers.push(`  export interface ${base}Task {\n${lines.join('\n')}\n  }`);
      returns = `Promise<${result}> & ${NS}.${base}Task`;
    }
    add(space, `${docComment(description, indent)}${indent}export function ${fn}(options${optional}: ${options} & ${NS}.Callbacks<${result}>): ${returns};`);
    add('', `  export function call(name: '${def.name}', options${optional}: ${options}): Promise<${result}>;`);
    add('', `  export function call(name: '${def.name}', options: ${options}, callback: (result: ${result} | ${NS}.ApiError) => void): void;`);
  }

  const members = [...spaces.get('')!];
  for (const [space, lines] of spaces) {
    if (space === '') continue;
    members.push(`  export namespace ${space} {\n${lines.join('\n')}\n  }`);
  }

  return [
    '// Generated by mpk from the host API declarations (generateApiTypes). Do not edit.',
    '// Adds the host\'s APIs to `my` as declared by @mini-types/alipay.',
    '',
    `declare namespace ${NS} {`,
    helpers.join('\n'),
    '}',
    '',
    'declare namespace my {',
    members.join('\n'),
    '}',
    '',
  ].join('\n');
}
