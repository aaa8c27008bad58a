export * from '@supchat/constants';
export * from './lib/common';
export * from './lib/errors';
export * from './lib/users';
export * from './lib/channels';
export * from './lib/messages';
export * from './lib/socket-events';
export * from './lib/rest-routes';
