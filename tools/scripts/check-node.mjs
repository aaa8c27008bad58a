// Fails fast when a script runs under the machine's node instead of the Node 24 pinned in the repo
// (node_modules/.bin/node from the `node` devDependency).
const major = Number(process.versions.node.split('.')[0]);
if (major !== 24) {
  console.error(
    `SUPCHAT needs Node 24 (found ${process.version}). Run it through npm scripts, which use the ` +
      'Node 24 installed by `npm install` (node_modules/.bin/node).',
  );
  process.exit(1);
}
