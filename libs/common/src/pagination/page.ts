/** A page of results; the success envelope turns it into `data` plus `meta`. */
export class Page<T> {
  constructor(
    readonly items: T[],
    readonly total: number,
    readonly limit: number,
    readonly offset: number,
    /** More figures for `meta`, beside total, limit and offset (a list's unread count). */
    readonly extraMeta: Record<string, unknown> = {},
  ) {}

  map<U>(fn: (item: T) => U): Page<U> {
    return new Page(this.items.map(fn), this.total, this.limit, this.offset, this.extraMeta);
  }
}
