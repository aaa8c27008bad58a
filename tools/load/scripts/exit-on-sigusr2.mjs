// Preload for profiling the server without changing it:
//   node --cpu-prof --cpu-prof-dir=tmp/prof --import ./tools/load/scripts/exit-on-sigusr2.mjs dist/apps/api/main.mjs
// --cpu-prof writes the profile only when the process exits by itself; Nest's shutdown hooks end it
// by raising SIGTERM again, which skips that. `kill -USR2 <pid>` exits cleanly, profile written.
process.on('SIGUSR2', () => process.exit(0));
