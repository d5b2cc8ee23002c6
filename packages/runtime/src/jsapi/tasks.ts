/**
 * Task objects (RequestTask, UploadTask, DownloadTask, SocketTask). A task's id is the `cb` of
 * the invoke that created it, so the guest knows the id before the reply arrives and can call
 * `task.abort()` at once. Task methods arrive as invokes with `task` set; task events leave as
 * `{ t: 'task', task, event, data }` messages, `event` being `X` of the guest's `onX`/`offX`.
 */

import type { ContainerServices } from './types.ts';

export interface TaskState {
  /** Called when the registry is disposed while the task is still open. */
  dispose?(): void;
}

interface TaskEntry {
  api: string;
  state: TaskState;
}

export class TaskTable {
  private readonly tasks = new Map<number, TaskEntry>();

  constructor(private readonly services: ContainerServices) {}

  open(id: number, api: string, state: TaskState): void {
    this.tasks.set(id, { api, state });
  }

  /** The API that created task `id` and its state, while it is open. */
  get(id: number): { api: string; state: TaskState } | undefined {
    return this.tasks.get(id);
  }

  emit(id: number, event: string, data?: unknown): void {
    this.services.emit([data === undefined ? { t: 'task', task: id, event } : { t: 'task', task: id, event, data }]);
  }

  /** Forget a finished task: its methods become no-ops. */
  close(id: number): void {
    this.tasks.delete(id);
  }

  size(): number {
    return this.tasks.size;
  }

  disposeAll(): void {
    for (const entry of this.tasks.values()) {
      try {
        entry.state.dispose?.();
      } catch {
        // Disposal is best effort: one broken task must not keep the others open.
      }
    }
    this.tasks.clear();
  }
}
