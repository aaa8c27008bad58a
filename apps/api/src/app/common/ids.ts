import { randomBytes } from 'node:crypto';

const processRandom = randomBytes(5);
let counter = randomBytes(3).readUIntBE(0, 3);

/**
 * A new id in the ObjectId shape (24 hex characters: seconds, per-process random, counter), so
 * ids look and sort the same on SQLite as on MongoDB.
 */
export function newId(): string {
  const bytes = Buffer.alloc(12);
  bytes.writeUInt32BE(Math.floor(Date.now() / 1000), 0);
  processRandom.copy(bytes, 4);
  counter = (counter + 1) % 0xffffff;
  bytes.writeUIntBE(counter, 9, 3);
  return bytes.toString('hex');
}
