/**
 * Cheap facts about another .axml file (which templates it defines, what it imports and
 * includes), used to check `<template is>` names and find import/include cycles without
 * compiling that file. Results are cached by content, so a shared file imported by 200 pages
 * is parsed once.
 */
import { getAttr, parseAxml, type TemplateNode } from './parse.ts';

export interface AxmlFacts {
  templateNames: string[];
  /** `src` of `<import>` and `<include>`, as written. */
  imports: string[];
  includes: string[];
}

const cache = new Map<string, AxmlFacts>();
const CACHE_LIMIT = 2000;

export function scanAxml(source: string): AxmlFacts {
  const hit = cache.get(source);
  if (hit) return hit;
  const facts: AxmlFacts = { templateNames: [], imports: [], includes: [] };
  const visit = (nodes: TemplateNode[]) => {
    for (const n of nodes) {
      if (n.type !== 'element') continue;
      if (n.tag === 'template') {
        const name = getAttr(n, 'name')?.value;
        if (name !== undefined && !getAttr(n, 'is')) facts.templateNames.push(name.trim());
      } else if (n.tag === 'import' || n.tag === 'include') {
        const src = getAttr(n, 'src')?.value?.trim();
        if (src) (n.tag === 'import' ? facts.imports : facts.includes).push(src);
        continue;
      }
      visit(n.children);
    }
  };
  try {
    visit(parseAxml(source));
  } catch {
    // A file that cannot even be scanned simply contributes nothing; it reports its own
    // problems when it is compiled.
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(source, facts);
  return facts;
}
