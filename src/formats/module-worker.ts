// Starts a worker thread on a sibling module of the caller, from the TypeScript sources (through
// tsx, whose loader a thread does not inherit) or from the compiled build (plain .js) alike.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsxApi) (await import(workerData.tsxApi)).register();
  await import(workerData.workerUrl);
})().catch((err) => { console.error(err); process.exit(70); });
`;

let tsxApi: string | undefined;

/** `name` beside the caller: ./name.ts when running from the sources, ./name.js from the build. */
export function siblingModuleUrl(callerUrl: string, name: string): string {
  return new URL(`./${name}.${callerUrl.endsWith('.ts') ? 'ts' : 'js'}`, callerUrl).href;
}

/** The ESM build of tsx's API (require.resolve would give the CJS one, which cannot register here). */
export function tsxEsmApiUrl(): string {
  if (tsxApi) return tsxApi;
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('tsx/package.json');
  const manifest = require(manifestPath) as { exports: Record<string, { import: { default: string } }> };
  tsxApi = new URL(manifest.exports['./esm/api'].import.default, pathToFileURL(manifestPath)).href;
  return tsxApi;
}

/**
 * `callerUrl` is the caller's import.meta.url and `name` the worker module's base name beside it
 * (`parse-worker` → ./parse-worker.ts or ./parse-worker.js). `data` reaches the thread as
 * `workerData.data`.
 */
export function startModuleWorker(callerUrl: string, name: string, opts: { data?: unknown; resourceLimits?: ResourceLimits } = {}): Worker {
  const workerUrl = siblingModuleUrl(callerUrl, name);
  return new Worker(BOOTSTRAP, {
    eval: true,
    workerData: { tsxApi: workerUrl.endsWith('.ts') ? tsxEsmApiUrl() : null, workerUrl, data: opts.data },
    resourceLimits: opts.resourceLimits,
    stdout: false,
    stderr: false,
  });
}
