/**
 * jest-light-runner imports each test file with import(); ours are CommonJS TypeScript. A `.ts` file is handed to
 * the CommonJS loader, where @swc-node/register (preloaded by `npm test`) compiles it, so a test and the code it
 * tests share one module cache and `@app/*` paths resolve as tsconfig.json maps them.
 */
export async function load(url, context, next) {
  if (url.startsWith('file:') && /\.ts(\?|$)/.test(url)) return { format: 'commonjs', shortCircuit: true };
  return next(url, context);
}
