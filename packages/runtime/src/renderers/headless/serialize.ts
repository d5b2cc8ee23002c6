/**
 * HTML-like text of a headless tree: `<view class="a" data-id="3">hello</view>`.
 * Attributes print in the order they were set; `true` prints bare, `false`/null/undefined are
 * omitted, objects and arrays print as JSON; text and attribute values are escaped; a page root
 * prints as `<page route="pages/index/index">…</page>`.
 */
import type { HeadlessNode } from './node.ts';

export interface SerializeOptions {
  /** One node per line, two spaces per level; elements holding only text stay on one line. */
  indent?: boolean;
  /** Print the stamped style scope as a `data-s-<scope>` attribute (what the DOM renderer does). */
  scopes?: boolean;
}

function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : '&gt;'));
}

function escapeAttr(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&quot;'));
}

function attrText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    try {
      return JSON.stringify(value) ?? '';
    } catch {
      return String(value);
    }
  }
  return String(value);
}

function openTag(node: HeadlessNode, options: SerializeOptions): string {
  let out = '<' + node.tag;
  if (options.scopes && node.scope !== undefined) out += ` data-s-${node.scope}`;
  for (const name of Object.keys(node.attrs)) {
    const value = node.attrs[name];
    if (value === undefined || value === null || value === false || typeof value === 'function') continue;
    out += value === true ? ` ${name}` : ` ${name}="${escapeAttr(attrText(value))}"`;
  }
  return out + '>';
}

function inline(node: HeadlessNode, options: SerializeOptions): string {
  if (node.tag === '#text') return escapeText(node.text ?? '');
  let out = openTag(node, options);
  for (const child of node.children) out += inline(child, options);
  return out + `</${node.tag}>`;
}

function indented(node: HeadlessNode, depth: number, options: SerializeOptions, lines: string[]): void {
  const pad = '  '.repeat(depth);
  if (node.tag === '#text') {
    const text = (node.text ?? '').trim();
    if (text !== '') lines.push(pad + escapeText(text));
    return;
  }
  if (node.children.every((child) => child.tag === '#text')) {
    lines.push(pad + inline(node, options));
    return;
  }
  lines.push(pad + openTag(node, options));
  for (const child of node.children) indented(child, depth + 1, options, lines);
  lines.push(`${pad}</${node.tag}>`);
}

export function serializeNode(node: HeadlessNode, options: SerializeOptions = {}): string {
  if (!options.indent) return inline(node, options);
  const lines: string[] = [];
  indented(node, 0, options, lines);
  return lines.join('\n');
}
