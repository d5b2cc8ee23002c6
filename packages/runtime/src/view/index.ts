/** The view layer: view ABI, renderer contract, the ViewEngine and its helpers. */
export * from '../contract/view-abi.ts';
export * from '../contract/renderer.ts';
export { ViewModuleError, SHADOWED_GLOBALS } from './load-view-module.ts';
export { loadViewForm, ViewFormError } from './form/load.ts';
export { VIEW_FORM_VERSION, type ViewForm, type UnitForm, type NodeForm, type ValueForm } from '../contract/view-form.ts';
export { ViewEngine } from './engine.ts';
export type { ViewEngineOptions, ViewEngineError, ViewNodeEvent, InstanceInfo, ElementInfo } from './engine.ts';
export { parseSelector, matchesSelector, classNames, SelectorSyntaxError } from './selector.ts';
export type { SelectorList, SelectorAdapter, ComplexSelector, CompoundSelector } from './selector.ts';
export { datasetOf, datasetKey } from './dataset.ts';
export { BUBBLING_EVENTS } from './events.ts';
