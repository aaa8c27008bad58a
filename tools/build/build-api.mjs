// Bundles the NestJS server into one ES module with esbuild.
//
// esbuild cannot emit decorator metadata (`design:paramtypes`), which Nest's dependency injection
// reads, so every TypeScript file is first transpiled by the TypeScript compiler itself
// (transpileModule, the same per-file mode ts-jest uses) and esbuild only bundles the result.
// Packages from node_modules stay external; workspace libraries (@supchat/*) are bundled in.
import { build, context } from 'esbuild';
import { cp, mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const workspaceRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const projectRoot = join(workspaceRoot, 'apps/api');
const outDir = join(workspaceRoot, 'dist/apps/api');
const watch = process.argv.includes('--watch');

const compilerOptions = {
  target: ts.ScriptTarget.ES2023,
  module: ts.ModuleKind.ESNext,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  useDefineForClassFields: false,
  sourceMap: true,
  inlineSources: true,
  importHelpers: false,
};

/** @type {import('esbuild').Plugin} */
const typescriptWithDecoratorMetadata = {
  name: 'typescript-decorator-metadata',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const { outputText, sourceMapText } = ts.transpileModule(source, {
        compilerOptions,
        fileName: args.path,
      });
      const map = Buffer.from(sourceMapText ?? '', 'utf8').toString('base64');
      return {
        contents: `${outputText.replace(/\/\/# sourceMappingURL=.*$/m, '')}\n//# sourceMappingURL=data:application/json;base64,${map}`,
        loader: 'js',
      };
    });
  },
};

const copySqlMigrations = {
  name: 'copy-sql-migrations',
  setup(pluginBuild) {
    pluginBuild.onEnd(async () => {
      await cp(join(projectRoot, 'src/app/database/sqlite/migrations'), join(outDir, 'migrations'), {
        recursive: true,
      });
    });
  },
};

/** @type {import('esbuild').BuildOptions} */
const options = {
  absWorkingDir: workspaceRoot,
  entryPoints: [join(projectRoot, 'src/main.ts')],
  outfile: join(outDir, 'main.mjs'),
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  packages: 'external',
  tsconfig: join(projectRoot, 'tsconfig.app.json'),
  sourcemap: true,
  keepNames: true,
  logLevel: 'warning',
  plugins: [typescriptWithDecoratorMetadata, copySqlMigrations],
};

if (!watch) await rm(outDir, { recursive: true, force: true });
await mkdir(outDir, { recursive: true });
if (watch) {
  const ctx = await context(options);
  await ctx.watch();
  console.log('api: watching for changes');
} else {
  await build(options);
  console.log(`api: built ${join('dist/apps/api', 'main.mjs')}`);
}
