export * from './enums';
export * from './errors';
export * from './fields';
export * from './health';
export * from './setup';
