/**
 * AXML templates → view.json. `compileTemplateFile` analyses one .axml file into a unit's view
 * form, `compileSjsFile` (../sjs) checks one .sjs module, and `linkViewForm` joins the units and
 * modules of one package part into the view form the runtime loads (`linkViewModule` gives its
 * JSON text). `buildViewModule` does all three for a set of entries.
 */
export { compileTemplateFile, type CompiledTemplateFile, type TemplateOptions } from './compile.ts';
export { linkViewForm, linkViewModule, serializeViewForm, type LinkInput } from './link.ts';
export { buildViewModule, type ViewBuildEntry, type ViewBuildInput, type ViewBuildResult } from './build.ts';
export { memorySourceHost, type SourceHost } from './host.ts';
export { TEMPLATE_CODES, type CodeInfo } from './codes.ts';
export { RENDER_LIMITS } from '@mpk/runtime/view-form';
export type { CompiledSjsModule } from '../sjs/compile.ts';
