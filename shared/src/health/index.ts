// Relationship health: a pure model from message metadata and check-ins to score, status, reasons, actions.
export * from './actions';
export * from './assess';
export * from './history';
export * from './history-input';
export * from './reasons';
export * from './score';
export * from './settings';
export * from './signals';
export * from './status';
export * from './thread-columns';
