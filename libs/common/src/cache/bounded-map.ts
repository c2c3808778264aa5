/**
 * A Map that keeps at most `max` entries, dropping the oldest inserted first: for per-process memos of pure
 * results (verified signatures, adapters built from one version of a config), never for state processes share.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly max: number) {
    super();
  }

  override set(key: K, value: V): this {
    this.delete(key);
    if (this.size >= this.max) {
      const oldest = this.keys().next();
      if (!oldest.done) this.delete(oldest.value);
    }
    return super.set(key, value);
  }
}
