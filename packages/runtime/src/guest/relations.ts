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
import { SafeMap, SafeWeakMap, append, exec, keysOf, sliceString } from './intrinsics.ts';

const SCRIPT_EXTENSION = /\.(js|ts)$/;

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

// Relations link instances at compCreate/compMount: captured built-ins only (intrinsics.ts).
const links = new SafeWeakMap<Internal, Link[]>();

/** Component ids a relation key names, seen from component `from`. */
function idsOf(from: string, key: string): string[] {
  let path: string;
  const relative = key[0] === '/' || key[0] === '.';
  if (relative) path = sliceString(resolveUrl('/' + from, key), 1);
  else path = key;
  if (exec(SCRIPT_EXTENSION, path) !== null) path = sliceString(path, 0, path.length - 3);
  const ids = [path, path + '/index'];
  // npm components keep their resolved path (node_modules/…).
  if (!relative) {
    append(ids, 'node_modules/' + path);
    append(ids, 'node_modules/' + path + '/index');
  }
  return ids;
}

/** Relation definitions from the layers (the component's own key wins over a mixin's). */
export function collectRelations(layers: readonly Record<string, any>[], componentId: string): RelationDef[] {
  const byKey = new SafeMap<string, RelationDef>();
  for (let l = 0; l < layers.length; l++) {
    const layer = layers[l];
    if (!isObject(layer.relations)) continue;
    const keys = keysOf(layer.relations);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k];
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
  const out: RelationDef[] = [];
  byKey.forEach((relation) => append(out, relation));
  return out;
}

function accepts(relation: RelationDef, other: Internal): boolean {
  if (relation.target) return other.def.mixins.has(relation.target);
  for (let i = 0; i < relation.ids.length; i++) if (relation.ids[i] === other.name) return true;
  return false;
}

function composedParent(int: Internal): Internal | undefined {
  const parent = instances.get(int.parentId);
  return parent && parent !== int && parent.kind === 'component' && !parent.dead ? parent : undefined;
}

function call(fn: Function | undefined, self: Internal, other: Internal): void {
  if (fn && !self.dead) guard(fn, self.pub, [other.pub], sourceOf(self, 'relations'));
}

function addLink(int: Internal, link: Link): void {
  const list = links.get(int);
  if (list) append(list, link);
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
  const relations = int.def.relations;
  for (let i = 0; i < relations.length; i++) {
    const relation = relations[i];
    if (relation.type !== 'parent' && relation.type !== 'ancestor') continue;
    const wanted = PAIRS[relation.type];
    for (let up = composedParent(int); up; up = relation.type === 'parent' ? undefined : composedParent(up)) {
      if (!accepts(relation, up)) continue;
      let reverse: RelationDef | undefined;
      const theirs = up.def.relations;
      for (let j = 0; j < theirs.length && !reverse; j++) if (theirs[j].type === wanted && accepts(theirs[j], int)) reverse = theirs[j];
      if (reverse) {
        link(up, reverse, int, relation);
        break;
      }
    }
  }
}

/** `moved`: both ends hear `linkChanged`. */
export function relinkMoved(int: Internal): void {
  const own = links.get(int) ?? [];
  for (let i = 0; i < own.length; i++) {
    const relation = own[i].relation;
    const other = own[i].other;
    const theirs = links.get(other) ?? [];
    let back: Link | undefined;
    for (let j = 0; j < theirs.length && !back; j++) if (theirs[j].other === int) back = theirs[j];
    if (back) call(back.relation.linkChanged, other, int);
    call(relation.linkChanged, int, other);
  }
}

/** `detached`: every link of the component is dropped, both ends hear `unlinked`. */
export function unlinkDetached(int: Internal): void {
  const own = links.get(int);
  if (!own) return;
  links.delete(int);
  for (let k = 0; k < own.length; k++) {
    const relation = own[k].relation;
    const other = own[k].other;
    const theirs = links.get(other);
    let i = -1;
    if (theirs) for (let j = 0; j < theirs.length && i < 0; j++) if (theirs[j].other === int) i = j;
    let back: Link | undefined;
    if (i >= 0) {
      back = theirs![i];
      for (let j = i; j < theirs!.length - 1; j++) theirs![j] = theirs![j + 1];
      theirs!.length--;
    }
    if (back) call(back.relation.unlinked, other, int);
    call(relation.unlinked, int, other);
  }
}

/** `getRelationNodes(key)`: the instances linked through the relation named `key`, in link order. */
export function relationNodes(int: Internal, key: string): Record<string, any>[] {
  const out: Record<string, any>[] = [];
  const own = links.get(int) ?? [];
  for (let i = 0; i < own.length; i++) if (own[i].relation.key === key && !own[i].other.dead) append(out, own[i].other.pub);
  return out;
}
