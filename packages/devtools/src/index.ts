/** @mpk/devtools: the `mpk` CLI, the headless session, the author test harness and project templates. */
export { main as runCli } from './cli/main.ts';
export { Session, BuildFailedError, type SessionOptions } from './headless/session.ts';
export { launch, MiniApp, MiniPage, type LaunchOptions } from './harness/index.ts';
export { scaffold, type TemplateKind } from './create/scaffold.ts';
