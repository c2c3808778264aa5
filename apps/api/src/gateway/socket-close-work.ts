import { Injectable } from '@nestjs/common';

/**
 * What a socket's close still has to do in Redis (its place given back, its agent's presence checked), kept until
 * it is done: at shutdown the gateway closes this process's sockets and waits for it, before the Redis client quits.
 */
@Injectable()
export class SocketCloseWork {
  private readonly pending = new Set<Promise<unknown>>();

  /** Keeps `work` (which never rejects) until it settles. */
  track(work: Promise<unknown>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  /** Settles once every close under way now is done. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }
}
