import type Redis from 'ioredis';
import { createHash } from 'node:crypto';

type ScriptArg = string | number | Buffer;

export interface RedisScriptOptions {
  /**
   * Sent as a plain EVALSHA (EVAL with the text when Redis answers NOSCRIPT), which the client's auto-pipeline
   * batches with the other commands of the tick: one write and one round trip for all of them instead of one each.
   * The call's place among the caller's commands is then the pipeline's: for scripts whose answer no other command
   * of the same run relies on being sent first (not the sliding window's admission or restamp).
   */
  pipelined?: boolean;
}

/**
 * A Lua script run with EVALSHA instead of EVAL: the script's text goes to Redis once per server (EVAL, which loads
 * it, when Redis answers NOSCRIPT, as after a restart or a SCRIPT FLUSH), not with every call, and Redis does not
 * hash it again each time. Same keys, arguments and answer as `redis.eval(lua, numberOfKeys, ...keysAndArgs)`.
 * By default through ioredis `defineCommand`, written at once (never held for the auto-pipeline); `pipelined`
 * (RedisScriptOptions) sends it through the auto-pipeline instead.
 */
export class RedisScript {
  private readonly sha: string;
  /** The command's name on each client: one per script text, so two scripts never share one. */
  private readonly command: string;

  constructor(
    private readonly lua: string,
    private readonly numberOfKeys: number,
    private readonly options: RedisScriptOptions = {},
  ) {
    this.sha = createHash('sha1').update(lua).digest('hex');
    this.command = `rlScript${this.sha}`;
  }

  /** Runs the script on `redis` (defining it there on first use): its keys first, then its arguments. */
  run(redis: Redis, ...keysAndArgs: ScriptArg[]): Promise<unknown> {
    if (this.options.pipelined) return this.runPipelined(redis, keysAndArgs);
    const client = redis as unknown as Record<
      string,
      ((...args: ScriptArg[]) => Promise<unknown>) | undefined
    >;
    let command = client[this.command];
    if (typeof command !== 'function') {
      redis.defineCommand(this.command, { numberOfKeys: this.numberOfKeys, lua: this.lua });
      // Never held for the client's auto-pipeline (as the request check's script, request-check.ts): a script defined
      // on first use is missing from an auto-pipeline made earlier in the same tick, which broke ioredis there
      // (`results[i] is not iterable`, an exception that ended a worker). A new list: ioredis shares its default one.
      redis.options.autoPipeliningIgnoredCommands = [
        ...(redis.options.autoPipeliningIgnoredCommands ?? []),
        this.command,
      ];
      command = client[this.command] as (...args: ScriptArg[]) => Promise<unknown>;
    }
    return command.apply(redis, keysAndArgs);
  }

  /**
   * EVALSHA as a plain command (any pipeline can carry it, unlike a defineCommand one); on NOSCRIPT, EVAL with the
   * text, which loads the script for the next calls.
   */
  private async runPipelined(redis: Redis, keysAndArgs: ScriptArg[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, this.numberOfKeys, ...keysAndArgs);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return redis.eval(this.lua, this.numberOfKeys, ...keysAndArgs);
    }
  }
}
