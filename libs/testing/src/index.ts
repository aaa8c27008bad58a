export * from './lib/free-port';
export * from './lib/jongodb';
export * from './lib/process-output';
export * from './lib/api-server';
export * from './lib/redis';
export * from './lib/nginx';
