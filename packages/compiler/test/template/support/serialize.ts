/**
 * VNode[] → compact HTML-like text, so tests can assert what a user would see.
 *
 *   <view class="a" hidden data-n={1} key=3 @tap=go @touchStart.catch.capture=fn:onMove>text</view>
 *   <my-card component="components/card" :slot="header" :ref="save" #scoped="" ...>…</my-card>
 *   <slot name="footer" x={1}>fallback</slot>
 *
 * String attributes are quoted, `true` is bare, any other value is JSON in braces.
 */
import type { EventBinding, VElement, VNode } from '@mpk/runtime/view-abi';

function attrText(name: string, value: unknown): string {
  if (value === true) return ` ${name}`;
  if (typeof value === 'string') return ` ${name}="${value}"`;
  if (typeof value === 'function') return ` ${name}={fn:${value.name || 'anonymous'}}`;
  return ` ${name}={${JSON.stringify(value) ?? 'undefined'}}`;
}

function eventText(e: EventBinding): string {
  const mods = `${e.catch ? '.catch' : ''}${e.capture ? '.capture' : ''}`;
  const handler = typeof e.handler === 'function' ? `fn:${e.handler.name || 'anonymous'}` : e.handler;
  return ` @${e.type}${mods}=${handler}`;
}

/**
 * The author's key without the compiler's position tags: content that comes, goes or repeats
 * (a:if, a:for, <block>, <template is>, <include>) keys its elements `\0<position>=<key>` or,
 * without an author key, `\0<position>:<index>`. Purely positional keys are not shown.
 */
export function authorKey(key: string | number | undefined): string | number | undefined {
  if (typeof key !== 'string') return key;
  let k = key;
  for (let m = /^\u0000\d+=/.exec(k); m; m = /^\u0000\d+=/.exec(k)) k = k.slice(m[0].length);
  return k.startsWith('\u0000') ? undefined : k;
}

function elementText(el: VElement): string {
  let open = `<${el.tag}`;
  if (el.component !== undefined) open += ` component="${el.component}"`;
  for (const [k, v] of Object.entries(el.attrs)) open += attrText(k, v);
  const key = authorKey(el.key);
  if (key !== undefined) open += ` key=${JSON.stringify(key)}`;
  if (el.slot !== undefined) open += ` :slot="${el.slot}"`;
  if (el.ref !== undefined) open += ` :ref="${el.ref}"`;
  for (const e of el.events ?? []) open += eventText(e);
  if (el.scopedSlots) open += ` #scoped="${Object.keys(el.scopedSlots).join(',')}"`;
  return `${open}>${serialize(el.children)}</${el.tag}>`;
}

export function serialize(nodes: VNode[]): string {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text') out += n.text;
    else if (n.kind === 'slot') {
      let open = `<slot name="${n.name}"`;
      for (const [k, v] of Object.entries(n.props)) open += attrText(k, v);
      out += `${open}>${serialize(n.fallback)}</slot>`;
    } else out += elementText(n);
  }
  return out;
}
