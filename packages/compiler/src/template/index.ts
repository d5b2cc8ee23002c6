/**
 * AXML templates → view.js. `compileTemplateFile` turns one .axml file into a template unit,
 * `compileSjsFile` (../sjs) one .sjs module, and `linkViewModule` joins the units and modules of
 * one package part into the view.js the runtime loads. `buildViewModule` does all three for a
 * set of entries.
 */
export { compileTemplateFile, type CompiledTemplateFile, type TemplateOptions } from './compile.ts';
export { linkViewModule, type LinkInput } from './link.ts';
export { buildViewModule, type ViewBuildEntry, type ViewBuildInput, type ViewBuildResult } from './build.ts';
export { memorySourceHost, type SourceHost } from './host.ts';
export { TEMPLATE_CODES, type CodeInfo } from './codes.ts';
export { RENDER_LIMITS } from './prelude.ts';
export type { CompiledSjsModule } from '../sjs/compile.ts';
