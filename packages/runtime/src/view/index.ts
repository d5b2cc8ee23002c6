/** The view layer: view ABI, renderer contract, the ViewEngine and its helpers. */
export * from './abi.ts';
export * from './renderer.ts';
export { loadViewModule, ViewModuleError, SHADOWED_GLOBALS } from './load-view-module.ts';
export { ViewEngine } from './engine.ts';
export type { ViewEngineOptions, ViewEngineError, ViewNodeEvent, InstanceInfo } from './engine.ts';
export { parseSelector, matchesSelector, classNames, SelectorSyntaxError } from './selector.ts';
export type { SelectorList, SelectorAdapter, ComplexSelector, CompoundSelector } from './selector.ts';
export { datasetOf, datasetKey } from './dataset.ts';
export { BUBBLING_EVENTS } from './events.ts';
