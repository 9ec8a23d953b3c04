// The contract between the Peerpost server and the extension: pure TypeScript, no Node or DOM imports.
export * from './api/auth';
export * from './api/context';
export * from './api/errors';
export * from './api/matches';
export * from './api/matching';
export * from './api/me';
export * from './api/partnership';
export * from './api/programs';
export * from './goals/parse-goals';
export * from './health';
export * from './prompts/library';
export * from './seeded-random';
