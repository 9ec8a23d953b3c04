#!/usr/bin/env -S node --max-old-space-size=256 --heap-growing-percent=100
// The flags above are the ones Peerpost runs with (`npm start` and `npm run peerpost` read them from here):
// left alone, V8 lets the heap grow to about four times what is live before collecting, so a long ingest
// would hold some 300 MB where 60 MB are in use; with a cap it collects sooner. A cap alone makes V8 grow
// the heap by only about half of what is live, though, and a full health recompute then spends a third of
// its time collecting: growing by what is live (twice the live set at most) keeps both in bounds.
// Entry point of the `peerpost` command: runs the TypeScript sources through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
// `peerpost export | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
