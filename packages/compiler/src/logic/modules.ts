/** Which logic modules a package part bundles. */

import type { PartPlan, Project } from '../project/load.ts';
import type { LogicModule } from './bundle.ts';

/** app (main part only), then the part's pages, then its components: each that has a .js/.ts file. */
export function logicModules(project: Project, part: PartPlan): LogicModule[] {
  const modules: LogicModule[] = [];
  if (part.root === '' && project.appFiles.logic) modules.push({ id: 'app', file: project.appFiles.logic });
  for (const id of part.pages) {
    const file = project.pages.get(id)?.files.logic;
    if (file) modules.push({ id, file });
  }
  for (const id of part.components) {
    const file = project.components.get(id)?.files.logic;
    if (file) modules.push({ id, file });
  }
  return modules;
}

export function modulesKey(modules: readonly LogicModule[]): string {
  return modules.map((m) => `${m.id}=${m.file}`).join('|');
}
