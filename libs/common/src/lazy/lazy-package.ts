/**
 * A package loaded at its first use rather than when the API or worker starts. The request hot paths never touch
 * the heavy vendor libraries (PDF, SMTP, the OpenAI SDK, undici): loaded at start they only make a larger heap for
 * every GC to walk. `importer` is `() => import('<package>')`, so the compiler keeps its types.
 */
export interface LazyPackage<T> {
  /** The package, loaded now (once) if nothing has loaded it yet. */
  load(): Promise<T>;
  /** The package if it has been loaded, else undefined: then nothing it makes (an error of its classes) exists. */
  loaded(): T | undefined;
}

export function lazyPackage<T>(importer: () => Promise<T>): LazyPackage<T> {
  let value: T | undefined;
  let loading: Promise<T> | undefined;
  return {
    load: () => (loading ??= importer().then((loaded) => (value = loaded))),
    loaded: () => value,
  };
}
