import type { ValueTransformer } from 'typeorm';

/** `numeric` columns come back from pg as strings: read them as numbers. */
export const numericTransformer: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};
