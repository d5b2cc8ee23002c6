/**
 * Slot content (docs: 组件模板和样式 → 插槽). Children of a component tag with `slot="name"` fill
 * that named slot; the rest fill the default slot (''). Passing only named slots keeps the default
 * slot's fallback, so whitespace-only text between named children does not count as content.
 * `slot-scope` children arrive as functions in `VElement.scopedSlots` and win over plain children.
 */
import type { VNode } from '../contract/view-abi.ts';
import { SlotSource, type Instance, type SlotInput } from './tree.ts';

const groupsCache = new WeakMap<readonly VNode[], Map<string, VNode[]>>();

function isBlankText(node: VNode): boolean {
  return node.kind === 'text' && (typeof node.text !== 'string' || node.text.trim() === '');
}

/** Component-tag children grouped by slot name (computed once per children array). */
export function slotGroups(children: readonly VNode[]): Map<string, VNode[]> {
  let groups = groupsCache.get(children);
  if (groups === undefined) {
    groups = new Map();
    for (const child of children) {
      if (child === null || typeof child !== 'object' || isBlankText(child)) continue;
      const name = child.kind === 'element' && typeof child.slot === 'string' ? child.slot : '';
      let group = groups.get(name);
      if (group === undefined) {
        group = [];
        groups.set(name, group);
      }
      group.push(child);
    }
    groupsCache.set(children, groups);
  }
  return groups;
}

export interface ResolvedSlot {
  source: SlotSource;
  /** Instance the content belongs to (its scope, its handlers). */
  owner: Instance;
  /** What the content was made from: the group array, the scoped function or the fallback array. */
  input: unknown;
  /** Called to produce the vnodes (scoped slots run the owner's function here). */
  render(): VNode[];
}

export function resolveSlot(
  component: Instance,
  slots: SlotInput | undefined,
  name: string,
  props: Record<string, unknown>,
  fallback: VNode[],
): ResolvedSlot {
  if (slots !== undefined) {
    const scoped = slots.scopedSlots;
    if (scoped && Object.prototype.hasOwnProperty.call(scoped, name) && typeof scoped[name] === 'function') {
      const fn = scoped[name];
      return { source: SlotSource.Scoped, owner: slots.owner, input: fn, render: () => fn(props) };
    }
    const group = slotGroups(slots.children).get(name);
    if (group !== undefined && group.length > 0) {
      return { source: SlotSource.Content, owner: slots.owner, input: group, render: () => group };
    }
  }
  return { source: SlotSource.Fallback, owner: component, input: fallback, render: () => fallback };
}

const presenceCache = new WeakMap<SlotInput, Readonly<Record<string, true>>>();

/**
 * `$slots` in a component's template: which slots its owner filled (`$default` for the default slot).
 * mini-ali-ui's list renders its header only `a:if="{{$slots.header}}"`.
 */
export function slotPresence(slots: SlotInput | undefined): Readonly<Record<string, true>> {
  if (slots === undefined) return EMPTY_PRESENCE;
  let presence = presenceCache.get(slots);
  if (presence === undefined) {
    const out: Record<string, true> = {};
    for (const [name, group] of slotGroups(slots.children)) if (group.length > 0) out[name === '' ? '$default' : name] = true;
    for (const name of Object.keys(slots.scopedSlots ?? {})) out[name === '' ? '$default' : name] = true;
    presence = Object.freeze(out);
    presenceCache.set(slots, presence);
  }
  return presence;
}

const EMPTY_PRESENCE: Readonly<Record<string, true>> = Object.freeze({});
