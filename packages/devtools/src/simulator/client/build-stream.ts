/**
 * The page's end of `/events`: the server's `hello` (a different server id means the dev server
 * restarted, so the page reloads itself) and one `build` event per build, delivered once each and
 * in order even across reconnects.
 */
import type { BuildEvent, HelloEvent } from '../server/index.ts';

export interface BuildStreamHandlers {
  hello(event: HelloEvent): void;
  build(event: BuildEvent): void;
  /** The connection dropped (the server stopped); EventSource retries by itself. */
  disconnected(): void;
}

export function connectBuildStream(url: string, handlers: BuildStreamHandlers): () => void {
  const source = new EventSource(url);
  let server: string | undefined;
  let lastBuild = 0;
  source.addEventListener('hello', (event) => {
    const hello = JSON.parse((event as MessageEvent<string>).data) as HelloEvent;
    if (server !== undefined && hello.server !== server) {
      location.reload();
      return;
    }
    server = hello.server;
    handlers.hello(hello);
  });
  source.addEventListener('build', (event) => {
    const build = JSON.parse((event as MessageEvent<string>).data) as BuildEvent;
    if (build.id <= lastBuild) return;
    lastBuild = build.id;
    handlers.build(build);
  });
  source.addEventListener('error', () => handlers.disconnected());
  return () => source.close();
}
