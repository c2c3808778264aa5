/** A binary heap of timed events: earliest first; at one time, lower `order` first, then first scheduled. */
export interface Timed {
  at: number;
  order: number;
  seq: number;
}

/** An event as scheduled: its sequence number is the queue's to give (Omit spread over each member of a union). */
export type Unscheduled<T> = T extends unknown ? Omit<T, 'seq'> : never;

export class EventQueue<T extends Timed> {
  private readonly heap: T[] = [];
  private seq = 0;

  push(event: Unscheduled<T>): void {
    const e = { ...event, seq: this.seq++ } as T;
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  pop(): T | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop() as T;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (r < h.length && before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }

  peek(): T | undefined {
    return this.heap[0];
  }
}

function before(a: Timed, b: Timed): boolean {
  if (a.at !== b.at) return a.at < b.at;
  if (a.order !== b.order) return a.order < b.order;
  return a.seq < b.seq;
}
