/** Recording the messages a container carries between host and sandbox (its `bridge` event). */
import type { MiniApp } from '@mpk/devtools/harness';

export interface BridgeBatch {
  direction: 'toHost' | 'toLogic';
  messages: readonly { t: string; id?: number; ack?: boolean }[];
}

/** Every batch that crossed the bridge, either way, while `run` ran. */
export async function bridgeTraffic(app: MiniApp, run: () => Promise<void>): Promise<BridgeBatch[]> {
  const batches: BridgeBatch[] = [];
  const listener = (event: BridgeBatch): void => void batches.push({ direction: event.direction, messages: [...event.messages] });
  app.session.container.on('bridge', listener);
  try {
    await run();
  } finally {
    app.session.container.off('bridge', listener);
  }
  return batches;
}
