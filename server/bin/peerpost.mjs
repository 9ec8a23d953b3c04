#!/usr/bin/env node
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
