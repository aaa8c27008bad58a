// Bundles the load tool into dist/tools/load with esbuild: one ES module per entry (the CLI, the
// client worker, the baseline server, the history seeder). Packages from node_modules stay external;
// @supchat/* workspace libraries are bundled in. Runs in about 0.1 s, so `npm run bench` rebuilds
// every time.
import { build } from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const workspaceRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const projectRoot = join(workspaceRoot, 'tools/load');

await build({
  absWorkingDir: workspaceRoot,
  entryPoints: ['main', 'worker', 'baseline-server', 'seed-history'].map((name) =>
    join(projectRoot, 'src', `${name}.ts`),
  ),
  outdir: join(workspaceRoot, 'dist/tools/load'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  packages: 'external',
  tsconfig: join(projectRoot, 'tsconfig.app.json'),
  sourcemap: true,
  logLevel: 'warning',
});
