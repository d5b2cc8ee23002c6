/** Which logic modules a package part bundles. */

import type { PartPlan, Project } from '../project/load.ts';
import type { LogicModule } from './bundle.ts';

/** app (main part only), then the part's pages, then its components: each that has a .js/.ts file. */
export function logicModules(project: Project, part: PartPlan): LogicModule[] {
  const modules: LogicModule[] = [];
  if (part.root === '' && project.appFiles.logic) modules.push({ id: 'app', file: project.appFiles.logic });
  for (const [ids, units] of [[part.pages, project.pages], [part.components, project.components]] as const) {
    for (const id of ids) {
      const unit = units.get(id);
      if (!unit?.files.logic) continue;
      const warnings = pluginWarnings(id, unit.plugins);
      modules.push({ id, file: unit.files.logic, ...(warnings.length > 0 ? { warnings } : {}) });
    }
  }
  return modules;
}

/** The run-time console warnings of a page or component whose template uses plugin placeholders. */
function pluginWarnings(id: string, plugins: Record<string, string>): string[] {
  return Object.entries(plugins)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([tag, request]) => `${id}: <${tag}> is the plugin component ${request}, which mpk does not run; it renders as a placeholder with its children`);
}

export function modulesKey(modules: readonly LogicModule[]): string {
  return modules.map((m) => `${m.id}=${m.file}${m.warnings ? `!${m.warnings.join('!')}` : ''}`).join('|');
}
