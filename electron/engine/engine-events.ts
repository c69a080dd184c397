// The engine's event hub: typed listeners per contract event. Every notice is also written to the
// log, so nothing the user should know is only ever said to an empty room.
import type { EventName, EventPayload } from '../../shared/api.js';
import type { Notice } from '../../shared/domain.js';
import type { EngineEventListener } from './engine-api.js';

export class EngineEvents {
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();

  constructor(private readonly log: (message: string) => void) {}

  on<K extends EventName>(name: K, listener: EngineEventListener<K>): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    const set = this.listeners.get(name);
    for (const listener of set ?? []) {
      try {
        (listener as EngineEventListener<K>)(payload);
      } catch (err) {
        // a faulty listener (a closed window) must not stop the engine
        this.log(`event listener for ${name} failed: ${String(err)}`);
      }
    }
  }

  /** `coded` lets the window word the notice itself, in the user's language. */
  notice(
    level: Notice['level'],
    message: string,
    coded: Pick<Notice, 'code' | 'cause'> = {},
  ): void {
    this.log(`${level}: ${message}`);
    this.emit('notice', { level, message, ...coded });
  }
}
