/**
 * A small typed emitter. Node's EventEmitter throws when an 'error' event has no listener; a
 * reader error must never crash the workstation, so this one just calls whoever listens.
 */
export class TypedEvents<M extends Record<string, unknown>> {
  private readonly listeners = new Map<keyof M, Set<(payload: never) => void>>();

  on<K extends keyof M>(event: K, listener: (payload: M[K]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => this.off(event, listener);
  }

  off<K extends keyof M>(event: K, listener: (payload: M[K]) => void): void {
    this.listeners.get(event)?.delete(listener as (payload: never) => void);
  }

  protected emit<K extends keyof M>(event: K, payload: M[K]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      try {
        (listener as (payload: M[K]) => void)(payload);
      } catch {
        // A broken listener must not stop the reader or the other listeners.
      }
    }
  }
}
