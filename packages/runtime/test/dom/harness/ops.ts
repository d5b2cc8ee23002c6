/**
 * Writing op batches by hand is noisy; `h()` describes a tree and `mount()` turns it into the ops
 * the ViewEngine would send, numbering nodes and remembering the ones given a `ref`.
 */

import { Op, type RenderOp } from '../../../src/contract/renderer.ts';

export interface Spec {
  tag: string;
  attrs: Record<string, unknown>;
  children: Array<Spec | string>;
  ref?: string;
  scope?: string;
}

/** `h('view', { class: 'a', $ref: 'box' }, 'text', h('text', {}, 'x'))`; `$ref`/`$scope` are not attributes. */
export function h(tag: string, attrs: Record<string, unknown> = {}, ...children: Array<Spec | string | Array<Spec | string>>): Spec {
  const { $ref, $scope, ...rest } = attrs;
  return { tag, attrs: rest, children: children.flat(), ref: $ref as string | undefined, scope: $scope as string | undefined };
}

export class Ops {
  private next: number;
  readonly ids: Record<string, number> = {};
  constructor(start = 100) {
    this.next = start;
  }

  /** Element/Text/Attr ops for `spec` (not inserted anywhere): returns [id, ops]. */
  create(spec: Spec | string): [number, RenderOp[]] {
    const id = this.next++;
    if (typeof spec === 'string') return [id, [[Op.Text, id, spec]]];
    const ops: RenderOp[] = [spec.scope ? [Op.Element, id, spec.tag, spec.scope] : [Op.Element, id, spec.tag]];
    if (spec.ref) this.ids[spec.ref] = id;
    for (const [name, value] of Object.entries(spec.attrs)) ops.push([Op.Attr, id, name, value]);
    for (const child of spec.children) {
      const [childId, childOps] = this.create(child);
      ops.push(...childOps, [Op.Insert, id, childId, 0]);
    }
    return [id, ops];
  }

  /** A page with `specs` as the root's children. The root gets id `pageId * 10_000`. */
  page(pageId: number, route: string, ...specs: Spec[]): RenderOp[] {
    const rootId = pageId * 10_000;
    this.ids[`page${pageId}`] = rootId;
    const ops: RenderOp[] = [[Op.PageCreate, pageId, rootId, route]];
    for (const spec of specs) {
      const [id, childOps] = this.create(spec);
      ops.push(...childOps, [Op.Insert, rootId, id, 0]);
    }
    ops.push([Op.PageShow, pageId]);
    return ops;
  }

  /** Ops inserting a new subtree under `parent` (before `before`, 0 = append). */
  insert(parent: number, spec: Spec | string, before = 0): RenderOp[] {
    const [id, ops] = this.create(spec);
    return [...ops, [Op.Insert, parent, id, before]];
  }
}
