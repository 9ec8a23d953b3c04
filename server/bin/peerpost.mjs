#!/usr/bin/env -S node --max-old-space-size=256
// The flags above are the ones Peerpost runs with (`npm start` and `npm run peerpost` read them from here):
// left alone, V8 lets the heap grow to about four times what is live before collecting, so a long ingest
// would hold some 300 MB where 60 MB are in use; with a cap it collects sooner at no cost in speed.
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
