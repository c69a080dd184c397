// The engine's event hub: typed listeners per contract event. Notices raised before anyone listens
// (the library's open notices) are kept and handed to the first listener, never dropped.
import type { EventName, EventPayload } from '../../shared/api.js';
import type { Notice } from '../../shared/domain.js';
import type { EngineEventListener } from './engine-api.js';

export class EngineEvents {
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();
  private pendingNotices: Notice[] = [];

  constructor(private readonly log: (message: string) => void) {}

  on<K extends EventName>(name: K, listener: EngineEventListener<K>): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener as (payload: never) => void);
    if (name === 'notice' && this.pendingNotices.length > 0) {
      const pending = this.pendingNotices;
      this.pendingNotices = [];
      // after the caller has finished subscribing
      queueMicrotask(() => pending.forEach((n) => this.emit('notice', n)));
    }
    return () => set.delete(listener as (payload: never) => void);
  }

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    const set = this.listeners.get(name);
    if (name === 'notice' && (!set || set.size === 0)) {
      this.pendingNotices.push(payload as Notice);
      return;
    }
    for (const listener of set ?? []) {
      try {
        (listener as EngineEventListener<K>)(payload);
      } catch (err) {
        // a faulty listener (a closed window) must not stop the engine
        this.log(`event listener for ${name} failed: ${String(err)}`);
      }
    }
  }

  notice(level: Notice['level'], message: string): void {
    this.emit('notice', { level, message });
  }
}
