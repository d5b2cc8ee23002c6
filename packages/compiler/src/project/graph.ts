/**
 * The usingComponents graph of a project: who uses which component, where each use is declared
 * (to point diagnostics at it), and the package each owner lives in. From it: component cycles,
 * cross-package uses, and which components each package part must contain.
 */

import { createHash } from 'node:crypto';
import { COMPONENT_CYCLE, COMPONENT_SELF_REFERENCE, CROSS_PACKAGE_COMPONENT } from '../diagnostics/codes.ts';
import type { JsonDoc, JsonNode } from './json.ts';

/** Owner id of the app-level (global) usingComponents. */
export const APP_OWNER = 'app';

export interface Declaration {
  doc: JsonDoc;
  node: JsonNode;
}

export class ComponentGraph {
  /** owner (page id, component id or APP_OWNER) → tag → component id, as its own .json declares. */
  private readonly own = new Map<string, Record<string, string>>();
  private readonly declared = new Map<string, Map<string, Declaration>>();
  /** Components an owner needs without a tag (the app's custom tabBar). */
  private readonly untagged = new Map<string, Set<string>>();
  /** owner → the package it lives in ('' main, else the subpackage root). */
  private readonly location = new Map<string, string>();
  /** owner → components of another subpackage it shows a placeholder for until their part loads. */
  private readonly deferred = new Map<string, Set<string>>();

  addOwner(owner: string, location: string): void {
    this.location.set(owner, location);
    if (!this.own.has(owner)) this.own.set(owner, {});
    if (!this.declared.has(owner)) this.declared.set(owner, new Map());
  }

  addUse(owner: string, tag: string, component: string, at: Declaration): void {
    this.own.get(owner)![tag] = component;
    this.declared.get(owner)!.set(component, at);
  }

  /** A component the owner needs that is not used through a tag in its template. */
  addUntagged(owner: string, component: string, at: Declaration): void {
    if (!this.untagged.has(owner)) this.untagged.set(owner, new Set());
    this.untagged.get(owner)!.add(component);
    this.declared.get(owner)!.set(component, at);
  }

  /** tag → component id an owner declares itself. */
  ownMap(owner: string): Record<string, string> {
    return this.own.get(owner) ?? {};
  }

  /** tag → component id usable in an owner's template: app-level components, overridden by its own. */
  mergedMap(owner: string): Record<string, string> {
    return { ...this.ownMap(APP_OWNER), ...this.ownMap(owner) };
  }

  /** The owner renders `component` only once its subpackage is loaded (a componentPlaceholder stands in). */
  deferUse(owner: string, component: string): void {
    if (!this.deferred.has(owner)) this.deferred.set(owner, new Set());
    this.deferred.get(owner)!.add(component);
  }

  /** Components living in subpackage `root` that some owner waits for behind a placeholder. */
  deferredIn(root: string): string[] {
    const out = new Set<string>();
    for (const components of this.deferred.values()) for (const id of components) if (this.locationOf(id) === root) out.add(id);
    return [...out].sort();
  }

  ownDeps(owner: string): string[] {
    return [...new Set([...Object.values(this.ownMap(owner)), ...(this.untagged.get(owner) ?? [])])];
  }

  locationOf(owner: string): string {
    return this.location.get(owner) ?? '';
  }

  declaration(owner: string, component: string): Declaration | undefined {
    return this.declared.get(owner)?.get(component);
  }

  /** Reports cycles over the components' own declarations; a component using itself is only a warning. */
  checkCycles(components: readonly string[]): void {
    const state = new Map<string, 'active' | 'done'>();
    const stack: string[] = [];
    const reported = new Set<string>();
    const visit = (id: string): void => {
      state.set(id, 'active');
      stack.push(id);
      for (const dep of this.ownDeps(id)) {
        const at = this.declaration(id, dep);
        if (dep === id) {
          at?.doc.report(COMPONENT_SELF_REFERENCE, at.node, `component ${id} uses itself: make sure the recursion ends (a:if)`);
          continue;
        }
        const depState = state.get(dep);
        if (depState === 'active') {
          const cycle = [...stack.slice(stack.indexOf(dep)), dep];
          const key = cycle.slice(0, -1).sort().join('|');
          if (at && !reported.has(key)) {
            reported.add(key);
            at.doc.report(COMPONENT_CYCLE, at.node, `component cycle: ${cycle.join(' → ')}`);
          }
        } else if (depState === undefined && this.own.has(dep)) {
          visit(dep);
        }
      }
      stack.pop();
      state.set(id, 'done');
    };
    for (const id of [...components].sort()) if (!state.has(id)) visit(id);
  }

  /**
   * The components a package part needs, starting from its owners (pages, and for the main part
   * the app itself). The main part follows app-level components everywhere; a subpackage part
   * follows only its own declarations (app-level components live in the main package, which is
   * always loaded). A use of a component that lives in another subpackage is reported and skipped.
   */
  reachable(owners: readonly string[], options: { main: boolean; known: ReadonlySet<string> }): string[] {
    const seen = new Set<string>();
    const queue: string[] = [];
    const use = (owner: string, id: string) => {
      const location = this.locationOf(id);
      const ownerLocation = this.locationOf(owner);
      if (location !== '' && location !== ownerLocation) {
        // Behind a placeholder the component loads with its own subpackage instead (分包异步化).
        if (this.deferred.get(owner)?.has(id)) return;
        const at = this.declaration(owner, id);
        const where = ownerLocation === '' ? 'the main package' : `subpackage "${ownerLocation}"`;
        at?.doc.report(CROSS_PACKAGE_COMPONENT, at.node, `component ${id} belongs to subpackage "${location}" and cannot be used from ${where}`);
        return;
      }
      if (!options.known.has(id) || seen.has(id)) return;
      seen.add(id);
      queue.push(id);
    };
    const depsOf = (owner: string) =>
      options.main ? [...new Set([...Object.values(this.mergedMap(owner)), ...this.ownDeps(owner)])] : this.ownDeps(owner);
    for (const owner of owners) for (const id of depsOf(owner)) use(owner, id);
    while (queue.length > 0) {
      const id = queue.shift()!;
      for (const dep of depsOf(id)) use(id, dep);
    }
    return [...seen].sort();
  }
}

/** Short stable style scope ids (a hash of the component id), unique within the project. */
export function scopeIds(componentIds: Iterable<string>): Map<string, string> {
  const scopes = new Map<string, string>();
  const used = new Set<string>();
  for (const id of [...componentIds].sort()) {
    const hash = createHash('sha256').update(id).digest('hex');
    let length = 8;
    while (used.has(hash.slice(0, length)) && length < hash.length) length++;
    used.add(hash.slice(0, length));
    scopes.set(id, hash.slice(0, length));
  }
  return scopes;
}
