// The contract between the Peerpost server and the extension: pure TypeScript, no Node or DOM imports.

export * from './health';
export * from './seeded-random';
