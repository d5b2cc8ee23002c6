/**
 * The parts of a page/component .json that change which component a tag renders:
 * `componentGenerics` (docs: 自定义组件/抽象节点) and `componentPlaceholder` (占位组件).
 *
 * - An abstract node's default is resolved like a usingComponents entry, so `<selectable>` renders
 *   it unless the owner writes `generic:selectable="other-tag"`; the manifest's
 *   `ComponentEntry.componentGenerics` tells the view which tags are abstract.
 * - A placeholder renders while the tag's component is not available. In mpk that is a component
 *   of another subpackage, until its part is loaded (the graph lets such a use through when a
 *   placeholder is declared), and a `plugin://` component, which mpk never loads: the tag renders
 *   the placeholder for good.
 */

import type { ComponentEntry, PageEntry } from '@mpk/runtime/package-format';
import { GENERIC_WITHOUT_DEFAULT, PLACEHOLDER_INVALID, PLUGIN_PLACEHOLDER } from '../diagnostics/codes.ts';
import type { ComponentRequest } from './app-config.ts';
import type { JsonDoc, JsonNode } from './json.ts';

export interface GenericDecl {
  tag: string;
  /** The `default` request as written, if any. */
  request?: string;
  node: JsonNode;
  tagNode: JsonNode;
}

export interface PlaceholderDecl {
  tag: string;
  /** The placeholder's tag (one of the owner's usingComponents). */
  placeholder: string;
  node: JsonNode;
}

export function readComponentGenerics(doc: JsonDoc, value: JsonNode, where: string): GenericDecl[] {
  const object = doc.object(value, `${where} componentGenerics`);
  if (!object) return [];
  const out: GenericDecl[] = [];
  for (const { key, keyNode, value: spec } of doc.properties(object)) {
    const decl: GenericDecl = { tag: key, node: spec, tagNode: keyNode };
    // `{ "default": "./x" }`, or `true` (WeChat's spelling of "no default").
    if (doc.value(spec) !== true) {
      const body = doc.object(spec, `componentGenerics["${key}"]`);
      const defaultProp = body ? doc.get(body, 'default') : undefined;
      if (defaultProp) decl.request = doc.string(defaultProp.value, `componentGenerics["${key}"].default`);
    }
    out.push(decl);
  }
  return out;
}

export function readComponentPlaceholder(doc: JsonDoc, value: JsonNode, where: string): PlaceholderDecl[] {
  const object = doc.object(value, `${where} componentPlaceholder`);
  if (!object) return [];
  const out: PlaceholderDecl[] = [];
  for (const { key, value: tag } of doc.properties(object)) {
    const placeholder = doc.string(tag, `componentPlaceholder["${key}"]`);
    if (placeholder !== undefined) out.push({ tag: key, placeholder: placeholder.trim(), node: tag });
  }
  return out;
}

/** The defaults of abstract nodes, as requests resolved (and checked) like usingComponents. */
export function genericDefaultRequests(generics: readonly GenericDecl[]): ComponentRequest[] {
  return generics.filter((g) => g.request !== undefined).map((g) => ({ tag: g.tag, request: g.request!, node: g.node, tagNode: g.tagNode }));
}

export interface ComponentConfigUnit {
  entry: PageEntry | ComponentEntry;
  /** Plugin tags of the unit (tag → request), when the loader tracks them. */
  plugins?: Record<string, string>;
}

/**
 * Once a unit's usingComponents is final: which abstract nodes it has and what each renders by
 * default, which tags have placeholders (a plugin tag with one renders it instead).
 */
export function finishComponentConfig(
  unit: ComponentConfigUnit,
  generics: readonly GenericDecl[],
  placeholders: readonly PlaceholderDecl[],
  doc: JsonDoc | undefined,
): void {
  const using = unit.entry.usingComponents;
  if (generics.length > 0) {
    const table: Record<string, string> = {};
    for (const generic of generics) {
      const id = generic.request !== undefined ? using[generic.tag] : undefined;
      if (id === undefined) {
        doc?.report(
          GENERIC_WITHOUT_DEFAULT,
          generic.node,
          `abstract node <${generic.tag}> has no default component${generic.request !== undefined ? ` (${JSON.stringify(generic.request)} did not resolve)` : ''}: the docs require one; it renders only where the owner writes generic:${generic.tag}`,
        );
      }
      table[generic.tag] = id ?? '';
    }
    (unit.entry as ComponentEntry).componentGenerics = table;
  }
  if (placeholders.length === 0) return;
  const table: Record<string, string> = {};
  for (const { tag, placeholder, node } of placeholders) {
    const placeholderId = using[placeholder];
    const plugin = unit.plugins?.[tag];
    if (placeholderId === undefined) {
      doc?.report(PLACEHOLDER_INVALID, node, `componentPlaceholder["${tag}"]: <${placeholder}> is not a component of this ${'virtualHost' in unit.entry ? 'component' : 'page'} (add it to usingComponents)`);
    } else if (plugin !== undefined) {
      doc?.report(PLUGIN_PLACEHOLDER, node, `<${tag}> (${plugin}) is a plugin component, which mpk does not load: it renders its placeholder <${placeholder}>`);
      // The tag renders the placeholder component (usingComponents wins over the plugin entry, which
      // stays so the unit's code still warns about the plugin when it runs).
      using[tag] = placeholderId;
    } else if (using[tag] === undefined) {
      doc?.report(PLACEHOLDER_INVALID, node, `componentPlaceholder["${tag}"]: <${tag}> is not in usingComponents`);
    } else if (using[tag] !== placeholderId) {
      table[tag] = placeholderId;
    }
  }
  if (Object.keys(table).length > 0) unit.entry.componentPlaceholder = table;
}
