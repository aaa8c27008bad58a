import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** This process among the instances of a deployment: host name, pid and a random suffix. */
export const INSTANCE_ID = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
export const INSTANCE_STARTED_AT = new Date();
