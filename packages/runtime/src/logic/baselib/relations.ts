/**
 * Relations between components (docs: 自定义组件/组件间关系), for components that set
 * `options.relations: true`. A relation is made when both ends declare it: `parent` pairs with
 * `child` (the nearest component above in the composed tree, slot content included), `ancestor`
 * with `descendant` (the nearest such component above). An end names the other by path (relative
 * to its own file, absolute, or an npm path) or, with `target`, by a Mixin the other uses.
 *
 * Timing (mpk): a component links when it is attached (its `attached` lifetime has run), the
 * upper end's `linked` first; `linkChanged` follows `moved`; `unlinked` follows `detached`.
 * `getRelationNodes(key)` lists the linked instances in the order they linked.
 */
import { guard } from './errors.ts';
import { instances, sourceOf, type Internal } from './instance.ts';
import { resolveUrl } from './router.ts';
import { isObject } from './state.ts';

type RelationType = 'parent' | 'child' | 'ancestor' | 'descendant';

const PAIRS: Record<RelationType, RelationType> = { parent: 'child', child: 'parent', ancestor: 'descendant', descendant: 'ancestor' };

export interface RelationDef {
  /** The key as written (what `getRelationNodes` takes). */
  key: string;
  type: RelationType;
  /** Component ids the key can name (`a/b` and `a/b/index`). */
  ids: string[];
  /** A Mixin the other end must use (docs: Mixin 关联); replaces the path match. */
  target?: object;
  linked?: Function;
  linkChanged?: Function;
  unlinked?: Function;
}

interface Link {
  relation: RelationDef;
  other: Internal;
}

const links = new WeakMap<Internal, Link[]>();

/** Component ids a relation key names, seen from component `from`. */
function idsOf(from: string, key: string): string[] {
  let path: string;
  if (key.startsWith('/') || key.startsWith('.')) path = resolveUrl('/' + from, key).slice(1);
  else path = key;
  path = path.replace(/\.(js|ts)$/, '');
  const ids = [path, path + '/index'];
  // npm components keep their resolved path (node_modules/…).
  if (!key.startsWith('/') && !key.startsWith('.')) ids.push('node_modules/' + path, 'node_modules/' + path + '/index');
  return ids;
}

/** Relation definitions from the layers (the component's own key wins over a mixin's). */
export function collectRelations(layers: readonly Record<string, any>[], componentId: string): RelationDef[] {
  const byKey = new Map<string, RelationDef>();
  for (const layer of layers) {
    if (!isObject(layer.relations)) continue;
    for (const key of Object.keys(layer.relations)) {
      const spec = layer.relations[key];
      if (!isObject(spec) || !(spec.type in PAIRS)) {
        throw new TypeError(`relations["${key}"]: type must be parent, child, ancestor or descendant`);
      }
      const fn = (value: unknown) => (typeof value === 'function' ? value : undefined);
      byKey.set(key, {
        key,
        type: spec.type as RelationType,
        ids: idsOf(componentId, key),
        target: isObject(spec.target) ? spec.target : undefined,
        linked: fn(spec.linked),
        linkChanged: fn(spec.linkChanged),
        unlinked: fn(spec.unlinked),
      });
    }
  }
  return [...byKey.values()];
}

function accepts(relation: RelationDef, other: Internal): boolean {
  if (relation.target) return other.def.mixins.has(relation.target);
  return relation.ids.includes(other.name);
}

function composedParent(int: Internal): Internal | undefined {
  const parent = instances.get(int.parentId);
  return parent && parent !== int && parent.kind === 'component' && !parent.dead ? parent : undefined;
}

function call(fn: Function | undefined, self: Internal, other: Internal): void {
  if (fn && !self.dead) guard(fn, self.pub, [other.pub], sourceOf(self));
}

function addLink(int: Internal, link: Link): void {
  const list = links.get(int);
  if (list) list.push(link);
  else links.set(int, [link]);
}

/** The upper end `upper` (with `upperRelation`) and the lower end `lower` agree: link them. */
function link(upper: Internal, upperRelation: RelationDef, lower: Internal, lowerRelation: RelationDef): void {
  addLink(upper, { relation: upperRelation, other: lower });
  addLink(lower, { relation: lowerRelation, other: upper });
  call(upperRelation.linked, upper, lower);
  call(lowerRelation.linked, lower, upper);
}

/** Links a component that was just attached with the components above it. */
export function linkAttached(int: Internal): void {
  for (const relation of int.def.relations) {
    if (relation.type !== 'parent' && relation.type !== 'ancestor') continue;
    const wanted = PAIRS[relation.type];
    for (let up = composedParent(int); up; up = relation.type === 'parent' ? undefined : composedParent(up)) {
      if (!accepts(relation, up)) continue;
      const reverse = up.def.relations.find((r) => r.type === wanted && accepts(r, int));
      if (reverse) {
        link(up, reverse, int, relation);
        break;
      }
    }
  }
}

/** `moved`: both ends hear `linkChanged`. */
export function relinkMoved(int: Internal): void {
  for (const { relation, other } of links.get(int) ?? []) {
    const back = links.get(other)?.find((l) => l.other === int);
    if (back) call(back.relation.linkChanged, other, int);
    call(relation.linkChanged, int, other);
  }
}

/** `detached`: every link of the component is dropped, both ends hear `unlinked`. */
export function unlinkDetached(int: Internal): void {
  const own = links.get(int);
  if (!own) return;
  links.delete(int);
  for (const { relation, other } of own) {
    const theirs = links.get(other);
    const i = theirs ? theirs.findIndex((l) => l.other === int) : -1;
    const back = i >= 0 ? theirs!.splice(i, 1)[0] : undefined;
    if (back) call(back.relation.unlinked, other, int);
    call(relation.unlinked, int, other);
  }
}

/** `getRelationNodes(key)`: the instances linked through the relation named `key`, in link order. */
export function relationNodes(int: Internal, key: string): Record<string, any>[] {
  return (links.get(int) ?? []).filter((l) => l.relation.key === key && !l.other.dead).map((l) => l.other.pub);
}
