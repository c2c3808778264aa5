import { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { RouterExecutionContext } from '@nestjs/core/router/router-execution-context';
import { useLeanParamPipes } from './lean-param-pipes';

type Params = Parameters<RouterExecutionContext['createPipesFn']>[1];

/** A pipe that records what it saw and appends its name to the value (or answers it in a promise). */
function pipe(name: string, seen: string[], async = false): PipeTransform {
  return {
    transform: (value: string, metadata: ArgumentMetadata) => {
      seen.push(`${name}:${value}:${metadata.type}:${String(metadata.data)}`);
      return async ? Promise.resolve(`${value}>${name}`) : `${value}>${name}`;
    },
  };
}

function param(index: number, type: RouteParamtypes | string, value: unknown, pipes: PipeTransform[] = []) {
  return { index, type, data: `p${index}`, pipes, metatype: String, extractValue: () => value };
}

describe('useLeanParamPipes', () => {
  const nestCreatePipesFn = RouterExecutionContext.prototype.createPipesFn;
  const context = Object.create(RouterExecutionContext.prototype) as RouterExecutionContext;
  beforeAll(() => useLeanParamPipes());
  afterAll(() => {
    RouterExecutionContext.prototype.createPipesFn = nestCreatePipesFn;
  });
  const run = (globals: PipeTransform[], params: unknown[]) => {
    const args: unknown[] = [];
    const done = context.createPipesFn(globals, params as Params)!(args, {}, {}, () => undefined);
    return { args, done };
  };

  it('runs the global pipes then the parameter’s in order, and answers no promise when none is needed', () => {
    const seen: string[] = [];
    const { args, done } = run(
      [pipe('global', seen)],
      [param(0, RouteParamtypes.PARAM, 'id', [pipe('uuid', seen)]), param(1, 'custom:auth', 'me')],
    );
    expect(done).toBeUndefined();
    expect(args).toEqual(['id>global>uuid', 'me>global']);
    expect(seen).toEqual(['global:id:param:p0', 'uuid:id>global:param:p0', 'global:me:custom:p1']);
  });

  it('waits for a pipe that answers a promise before the next one, and for every parameter', async () => {
    const seen: string[] = [];
    const { args, done } = run(
      [pipe('global', seen, true)],
      [param(0, RouteParamtypes.BODY, 'b', [pipe('dto', seen)]), param(1, RouteParamtypes.QUERY, 'q')],
    );
    await expect(done).resolves.toBeUndefined();
    expect(args).toEqual(['b>global>dto', 'q>global']);
    expect(seen).toEqual(['global:b:body:p0', 'global:q:query:p1', 'dto:b>global:body:p0']);
  });

  it('passes what no pipe takes (the request, the reply) as it came, never awaiting a thenable like the reply', () => {
    const seen: string[] = [];
    const reply = { then: () => undefined };
    const { args, done } = run([pipe('global', seen)], [param(0, RouteParamtypes.RESPONSE, reply)]);
    expect(done).toBeUndefined();
    expect(args[0]).toBe(reply);
    expect(seen).toEqual([]);
  });

  it('fails with the error of a pipe that throws, or of one whose promise rejects', async () => {
    const refuse: PipeTransform = {
      transform: () => {
        throw new Error('refused');
      },
    };
    expect(() => run([refuse], [param(0, RouteParamtypes.PARAM, 'x')])).toThrow('refused');
    const later: PipeTransform = { transform: () => Promise.reject(new Error('later')) };
    await expect(run([later], [param(0, RouteParamtypes.PARAM, 'x')]).done).rejects.toThrow('later');
  });

  it('leaves no rejection unobserved when a parameter fails while another one’s pipe is still pending', async () => {
    const unobserved: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unobserved.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const invalidBody: PipeTransform = { transform: () => Promise.reject(new Error('invalid body')) };
      const invalidId: PipeTransform = {
        transform: () => {
          throw new Error('invalid id');
        },
      };
      const params = [
        param(1, RouteParamtypes.BODY, {}, [invalidBody]),
        param(0, RouteParamtypes.PARAM, 'x', [invalidId]),
      ];
      expect(() => run([], params)).toThrow('invalid id');
      await new Promise((resolve) => setImmediate(resolve));
      expect(unobserved).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('has nothing to run for a route without parameters', () => {
    expect(context.createPipesFn([], [])).toBeNull();
  });
});
