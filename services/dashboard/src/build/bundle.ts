import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Where `npm run build` puts the dashboard; the API serves this folder under `/`. */
export const DEFAULT_PUBLIC_DIR = fileURLToPath(new URL('../../dist/public', import.meta.url));
// Paths from the package root, so they hold whether this runs from src/build (tests) or dist/build.
const ENTRY = fileURLToPath(new URL('../../src/app/main.tsx', import.meta.url));

/** What a bundle run produced: the folder and each file with its size, for the build log and tests. */
export interface BundleResult {
  readonly dir: string;
  readonly files: readonly { readonly path: string; readonly bytes: number }[];
}

/**
 * Bundles the dashboard into `outDir`: `index.html` plus `assets/main-<hash>.js` and one
 * `assets/main-<hash>.css` (minified, content-hashed names, so the API can cache them forever). The
 * folder is emptied first, so stale hashes never linger.
 */
export async function bundleDashboard(outDir: string = DEFAULT_PUBLIC_DIR): Promise<BundleResult> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(join(outDir, 'assets'), { recursive: true });
  const result = await build({
    entryPoints: { main: ENTRY },
    outdir: join(outDir, 'assets'),
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    // Browsers of the last few years; the dashboard needs nothing older.
    target: ['chrome109', 'firefox115', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = Object.keys(result.metafile.outputs).map((path) => basename(path));
  const script = outputs.find((name) => name.endsWith('.js'));
  const style = outputs.find((name) => name.endsWith('.css'));
  if (script === undefined || style === undefined)
    throw new Error('esbuild produced no script or stylesheet');
  await writeFile(join(outDir, 'index.html'), page(script, style));
  const files = await Promise.all(
    ['index.html', `assets/${script}`, `assets/${style}`].map(async (path) => ({
      path,
      bytes: (await stat(join(outDir, path))).size,
    })),
  );
  return { dir: outDir, files };
}

/** The one HTML page: no inline script or style, so the API's CSP can forbid both. */
function page(script: string, style: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Trustwatch</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="/assets/${style}">
    <script type="module" src="/assets/${script}"></script>
  </head>
  <body>
    <div id="app"><noscript>The Trustwatch dashboard needs JavaScript.</noscript></div>
  </body>
</html>
`;
}

/** A path relative to the working directory, for log lines. */
export function shown(path: string): string {
  return relative(process.cwd(), path) || '.';
}
