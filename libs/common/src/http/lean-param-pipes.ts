import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import type { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { RouterExecutionContext } from '@nestjs/core/router/router-execution-context';
import { ParamsTokenFactory } from '@nestjs/core/pipes/params-token-factory';

type ParamOptions = Parameters<RouterExecutionContext['createPipesFn']>[1][number];
type Next = Parameters<ParamOptions['extractValue']>[2];
type PipesFn = (args: unknown[], req: unknown, res: unknown, next: Next) => Promise<void> | void;

/**
 * A parameter as the lean pipes read it, made once: its pipes and their metadata, or null when it takes no pipes
 * (the request, the reply: passed as they come, never awaited, as Fastify's reply is a thenable).
 */
interface LeanParam {
  index: number;
  extractValue: ParamOptions['extractValue'];
  pipes: { list: PipeTransform[]; metadata: ArgumentMetadata } | null;
}

const tokens = new ParamsTokenFactory();

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as PromiseLike<unknown>).then === 'function'
  );
}

/** The value through `pipes` from `from` on, in order: synchronously while each pipe answers a value. */
function applyPipes(value: unknown, pipes: PipeTransform[], metadata: ArgumentMetadata, from = 0): unknown {
  for (let i = from; i < pipes.length; i++) {
    if (isThenable(value)) return Promise.resolve(value).then((v) => applyPipes(v, pipes, metadata, i));
    value = pipes[i].transform(value, metadata);
  }
  return value;
}

/**
 * Nest's pipes for a route's parameters, without a chain of promises where no pipe needs one. Nest runs every
 * parameter through an async function per step (the parameter, its value, the pipes, each pipe, plus a
 * Promise.all), whatever its pipes return: for GET /api/leads/:id (the caller's auth context and the id, each
 * through the global InputPipe and the id through UuidPipe) that was about twenty promises per request, each
 * also tracked by AsyncLocalStorage's promise hook, and the largest share of the request's garbage that
 * was Nest's. The same pipes run on the same values in the same order (the global pipes, then the
 * parameter's), a pipe that answers a promise is awaited before the next, and a pipe that throws fails the
 * request as before (Nest's handler awaits this inside its pipes' try).
 */
function leanCreatePipesFn(
  this: RouterExecutionContext,
  pipes: PipeTransform[],
  paramsOptions: ParamOptions[],
): PipesFn | null {
  if (!paramsOptions.length) return null;
  const params: LeanParam[] = paramsOptions.map((param) => ({
    index: param.index,
    extractValue: param.extractValue,
    pipes: this.isPipeable(param.type)
      ? {
          list: pipes.concat(param.pipes),
          metadata: {
            metatype: param.metatype,
            // A custom decorator's type is a string of its own, which Nest's pipes see as 'custom'.
            type: tokens.exchangeEnumForString(param.type as RouteParamtypes),
            data: param.data as ArgumentMetadata['data'],
          },
        }
      : null,
  }));
  return (args, req, res, next) => {
    let waits: Promise<void>[] | undefined;
    try {
      for (const param of params) {
        const extracted = param.extractValue(req, res, next);
        if (!param.pipes) {
          args[param.index] = extracted;
          continue;
        }
        // As Nest does, a piped value that is a promise is settled (before the first pipe, after each).
        const value = applyPipes(extracted, param.pipes.list, param.pipes.metadata);
        if (isThenable(value))
          (waits ??= []).push(Promise.resolve(value).then((v) => void (args[param.index] = v)));
        else args[param.index] = value;
      }
    } catch (err) {
      // The request fails with this error; the parameters still in their pipes settle unobserved (an invalid
      // body's rejection behind an invalid id's must not be an unhandled rejection, which ends the process).
      if (waits) void Promise.allSettled(waits);
      throw err;
    }
    if (waits) return Promise.all(waits).then(() => undefined);
  };
}

/** Installs leanCreatePipesFn for the routes set up after it in this process (call it before the app's init). */
export function useLeanParamPipes(): void {
  RouterExecutionContext.prototype.createPipesFn =
    leanCreatePipesFn as unknown as RouterExecutionContext['createPipesFn'];
}
