/**
 * The .json of a page (window keys at the top level, usingComponents, styleIsolation…) and of a
 * custom component (`component: true`, usingComponents, styleIsolation, virtualHost…).
 */

import type { StyleIsolation, WindowConfig } from '@mpk/runtime/package-format';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { COMPONENT_NOT_DECLARED, DEPRECATED_KEY, UNSUPPORTED_KEY } from '../diagnostics/codes.ts';
import { readUsingComponents, type ComponentRequest } from './app-config.ts';
import { readComponentGenerics, readComponentPlaceholder, type GenericDecl, type PlaceholderDecl } from './component-config.ts';
import { JsonDoc } from './json.ts';
import { PAGE_WINDOW_KEYS, readFlag, readWindow, WECHAT_WINDOW_HINTS } from './window.ts';

const STYLE_ISOLATION: readonly StyleIsolation[] = ['shared', 'apply-shared'];
const PAGE_EXTRA_KEYS = ['usingComponents', 'styleIsolation', 'optionMenu', 'componentPlaceholder', 'component'];
const COMPONENT_KEYS = new Set([
  'component', 'usingComponents', 'styleIsolation', 'virtualHost', 'componentGenerics', 'componentPlaceholder',
]);
const COMPONENT_HINTS: Record<string, string> = { addGlobalClass: 'styleIsolation', components: 'usingComponents' };

export interface PageJson {
  window: WindowConfig;
  usingComponents: ComponentRequest[];
  styleIsolation: StyleIsolation;
  componentPlaceholder: PlaceholderDecl[];
  doc?: JsonDoc;
}

export interface ComponentJson {
  usingComponents: ComponentRequest[];
  styleIsolation: StyleIsolation;
  virtualHost: boolean;
  componentGenerics: GenericDecl[];
  componentPlaceholder: PlaceholderDecl[];
  doc?: JsonDoc;
}

export function parsePageJson(file: string, source: string | undefined, diagnostics: Diagnostic[]): PageJson {
  const page: PageJson = { window: {}, usingComponents: [], styleIsolation: 'shared', componentPlaceholder: [] };
  if (source === undefined) return page;
  const doc = new JsonDoc(file, source, diagnostics);
  page.doc = doc;
  const root = doc.root;
  if (!root) return page;
  doc.unknownKeys(root, new Set([...PAGE_WINDOW_KEYS, ...PAGE_EXTRA_KEYS]), file, WECHAT_WINDOW_HINTS);
  page.window = readWindow(doc, root, { page: true, where: file });
  for (const { key, keyNode, value } of doc.properties(root)) {
    if (key === 'usingComponents') page.usingComponents = readUsingComponents(doc, value, `${file} usingComponents`);
    else if (key === 'styleIsolation') page.styleIsolation = doc.oneOf(value, 'styleIsolation', STYLE_ISOLATION) ?? 'shared';
    else if (key === 'optionMenu') {
      doc.report(DEPRECATED_KEY, keyNode, 'optionMenu is deprecated: use my.setOptionMenu');
      doc.report(UNSUPPORTED_KEY, keyNode, 'mpk does not support "optionMenu" (the navigation bar draws no option menu icon, so onOptionMenuClick never fires from it); it is ignored');
      const menu = doc.object(value, 'optionMenu');
      if (menu) page.window.optionMenu = doc.value(menu);
    } else if (key === 'componentPlaceholder') page.componentPlaceholder = readComponentPlaceholder(doc, value, file);
  }
  return page;
}

export function parseComponentJson(file: string, source: string | undefined, diagnostics: Diagnostic[]): ComponentJson {
  const component: ComponentJson = { usingComponents: [], styleIsolation: 'shared', virtualHost: true, componentGenerics: [], componentPlaceholder: [] };
  if (source === undefined) return component;
  const doc = new JsonDoc(file, source, diagnostics);
  component.doc = doc;
  const root = doc.root;
  if (!root) return component;
  doc.unknownKeys(root, COMPONENT_KEYS, file, COMPONENT_HINTS);
  const declared = doc.get(root, 'component');
  if (!declared) {
    doc.report(COMPONENT_NOT_DECLARED, 0, `${file} must declare "component": true`);
  } else if (readFlag(doc, declared.value, 'component', 'true') === false) {
    doc.report(COMPONENT_NOT_DECLARED, declared.value, `"component" must be true in a component's .json`);
  }
  for (const { key, value } of doc.properties(root)) {
    if (key === 'usingComponents') component.usingComponents = readUsingComponents(doc, value, `${file} usingComponents`);
    else if (key === 'styleIsolation') component.styleIsolation = doc.oneOf(value, 'styleIsolation', STYLE_ISOLATION) ?? 'shared';
    else if (key === 'virtualHost') component.virtualHost = readFlag(doc, value, 'virtualHost', 'true or false') ?? true;
    else if (key === 'componentGenerics') component.componentGenerics = readComponentGenerics(doc, value, file);
    else if (key === 'componentPlaceholder') component.componentPlaceholder = readComponentPlaceholder(doc, value, file);
  }
  return component;
}
