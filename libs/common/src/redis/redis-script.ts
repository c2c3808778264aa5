import type Redis from 'ioredis';
import { createHash } from 'node:crypto';

type ScriptArg = string | number | Buffer;

/**
 * A Lua script run with EVALSHA instead of EVAL (ioredis `defineCommand`): the script's text goes to Redis once per
 * server (ioredis sends EVAL, which loads it, when Redis answers NOSCRIPT, as after a restart or a SCRIPT FLUSH),
 * not with every call, and Redis does not hash it again each time. Same keys, arguments and answer as
 * `redis.eval(lua, numberOfKeys, ...keysAndArgs)`.
 */
export class RedisScript {
  /** The command's name on each client: one per script text, so two scripts never share one. */
  private readonly command: string;

  constructor(
    private readonly lua: string,
    private readonly numberOfKeys: number,
  ) {
    this.command = `rlScript${createHash('sha1').update(lua).digest('hex')}`;
  }

  /** Runs the script on `redis` (defining it there on first use): its keys first, then its arguments. */
  run(redis: Redis, ...keysAndArgs: ScriptArg[]): Promise<unknown> {
    const client = redis as unknown as Record<
      string,
      ((...args: ScriptArg[]) => Promise<unknown>) | undefined
    >;
    let command = client[this.command];
    if (typeof command !== 'function') {
      redis.defineCommand(this.command, { numberOfKeys: this.numberOfKeys, lua: this.lua });
      // Never held for the client's auto-pipeline (as the request check's script, request-check.ts): a script in an
      // auto-pipeline broke ioredis there (`results[i] is not iterable`, an exception that ended a worker). A new
      // list: ioredis shares its default one.
      redis.options.autoPipeliningIgnoredCommands = [
        ...(redis.options.autoPipeliningIgnoredCommands ?? []),
        this.command,
      ];
      command = client[this.command] as (...args: ScriptArg[]) => Promise<unknown>;
    }
    return command.apply(redis, keysAndArgs);
  }
}
