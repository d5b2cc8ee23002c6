/**
 * What a new build means for the running app, decided from the two manifests: nothing, a CSS swap,
 * new view modules (pages re-render with their data), or a restart of the logic layer with the same
 * page stack. Pure, so Node tests cover every case.
 */
import type { PackageManifest } from '@mpk/runtime';

export type ReloadKind = 'none' | 'style' | 'view' | 'restart';

export interface ReloadPlan {
  kind: ReloadKind;
  /** Package files whose content differs. */
  changed: string[];
  /** Part roots whose style.css changed (for the CSS swap). */
  styles: string[];
  /** Why a restart is needed (shown in the console). */
  reason?: string;
}

const ORDER: ReloadKind[] = ['none', 'style', 'view', 'restart'];

function structure(m: PackageManifest): string {
  return JSON.stringify([m.app, m.pages, m.components, m.parts]);
}

export function planReload(running: PackageManifest, next: PackageManifest): ReloadPlan {
  const before = new Map(running.files.map((f) => [f.path, f.sha256]));
  const after = new Map(next.files.map((f) => [f.path, f.sha256]));
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((p) => before.get(p) !== after.get(p)).sort();
  const plan: ReloadPlan = { kind: 'none', changed, styles: [] };
  const raise = (kind: ReloadKind, reason?: string): void => {
    if (ORDER.indexOf(kind) > ORDER.indexOf(plan.kind)) {
      plan.kind = kind;
      if (reason) plan.reason = reason;
    }
  };
  if (structure(running) !== structure(next)) raise('restart', 'the app config, pages or components changed');
  const roles = new Map<string, { role: 'logic' | 'view' | 'style'; root: string }>();
  for (const part of next.parts) {
    roles.set(part.logic, { role: 'logic', root: part.root });
    if (part.logicMap) roles.set(part.logicMap, { role: 'logic', root: part.root });
    roles.set(part.view, { role: 'view', root: part.root });
    roles.set(part.style, { role: 'style', root: part.root });
  }
  for (const file of changed) {
    const role = roles.get(file);
    if (!role) raise('restart', `${file} changed`);
    else if (role.role === 'logic') raise('restart', `${file} changed`);
    else if (role.role === 'view') raise('view');
    else {
      plan.styles.push(role.root);
      raise('style');
    }
  }
  return plan;
}
