/**
 * `text`: inline, not selectable unless `selectable`; `space` (nbsp/ensp/emsp) widens runs of
 * spaces; `decode` turns the documented entities into characters; `number-of-lines` clamps.
 */

import type { ComponentFactory } from '../types.ts';
import { toBool, toNumber, toText } from './util.ts';

const SPACES: Record<string, string> = { nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003' };

const ENTITIES: Record<string, string> = {
  nbsp: '\u00a0',
  lt: '<',
  gt: '>',
  amp: '&',
  apos: "'",
  quot: '"',
  ensp: '\u2002',
  emsp: '\u2003',
};

export function decodeTextEntities(text: string): string {
  return text.replace(/&(nbsp|lt|gt|amp|apos|quot|ensp|emsp);/g, (_m, name: string) => ENTITIES[name]);
}

export const text: ComponentFactory = (ctx) => {
  const host = ctx.doc.createElement('text');
  let space: string | undefined;
  let decode = false;
  const refreshChildren = (): void => {
    for (const child of Array.from(host.childNodes)) {
      const record = ctx.recordOf(child);
      if (record?.tag === '#text' && record.raw !== undefined) (child as Text).data = transform(record.raw);
    }
  };
  const transform = (raw: string): string => {
    let out = decode ? decodeTextEntities(raw) : raw;
    if (space) out = out.replace(/ /g, space);
    return out;
  };
  return {
    host,
    transformText: transform,
    setAttr(name, value) {
      switch (name) {
        case 'selectable':
          ctx.toggleClass('mpk-text-selectable', toBool(value));
          break;
        case 'space':
          space = SPACES[toText(value)];
          ctx.toggleClass('mpk-text-space', space !== undefined);
          refreshChildren();
          break;
        case 'decode':
          decode = toBool(value);
          refreshChildren();
          break;
        case 'number-of-lines': {
          const lines = Math.floor(toNumber(value, 0));
          ctx.toggleClass('mpk-text-clamp', lines >= 1);
          ctx.setHostStyle('--mpk-text-lines', lines >= 1 ? String(lines) : undefined);
          break;
        }
      }
    },
  };
};
