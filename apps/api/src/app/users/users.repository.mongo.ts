import type { Connection, Model } from 'mongoose';
import { isValidObjectId, Types } from 'mongoose';
import { isMongoDuplicateKeyError, UniqueConstraintError } from '../database/unique-constraint.error';
import type { SystemFlagDocument, UserDocument } from './schemas/user.schema';
import { SYSTEM_FLAG_MODEL, SystemFlagSchema, USER_MODEL, UserSchema } from './schemas/user.schema';
import type { NewUser, UserCredentials, UserRecord, UsersRepository } from './users.repository';
import { escapeRegExp, FIRST_ADMIN_FLAG } from './users.repository';

function toRecord(doc: UserDocument): UserRecord {
  return {
    id: doc._id.toHexString(),
    email: doc.email,
    username: doc.username,
    displayName: doc.displayName,
    avatarUrl: doc.avatarUrl ?? null,
    role: doc.role,
    createdAt: new Date(doc.createdAt),
    lastSeenAt: doc.lastSeenAt ? new Date(doc.lastSeenAt) : null,
  };
}

export class MongoUsersRepository implements UsersRepository {
  private constructor(
    private readonly users: Model<UserDocument>,
    private readonly flags: Model<SystemFlagDocument>,
  ) {}

  /** Builds the repository and waits for its indexes, so uniqueness holds from the first write. */
  static async create(connection: Connection): Promise<MongoUsersRepository> {
    const users = connection.models[USER_MODEL] ?? connection.model<UserDocument>(USER_MODEL, UserSchema);
    const flags =
      connection.models[SYSTEM_FLAG_MODEL] ??
      connection.model<SystemFlagDocument>(SYSTEM_FLAG_MODEL, SystemFlagSchema);
    await users.init();
    return new MongoUsersRepository(users as Model<UserDocument>, flags as Model<SystemFlagDocument>);
  }

  async create(user: NewUser): Promise<UserRecord> {
    const id = new Types.ObjectId();
    const createdAt = new Date();
    const claimedFirstAdmin = await this.claimFlag(FIRST_ADMIN_FLAG, id.toHexString(), createdAt);
    const doc: UserDocument = {
      _id: id,
      email: user.email,
      emailLower: user.email.toLowerCase(),
      username: user.username,
      displayName: user.displayName,
      displayNameLower: user.displayName.toLowerCase(),
      avatarUrl: null,
      role: claimedFirstAdmin ? 'admin' : user.role,
      passwordHash: user.passwordHash,
      createdAt,
      lastSeenAt: null,
    };
    try {
      await this.users.collection.insertOne(doc);
    } catch (error) {
      // Give the claim back, so the next successful registration becomes the admin.
      if (claimedFirstAdmin) await this.flags.deleteOne({ _id: FIRST_ADMIN_FLAG, value: id.toHexString() });
      if (isMongoDuplicateKeyError(error)) throw new UniqueConstraintError(await this.duplicateField(doc));
      throw error;
    }
    return toRecord(doc);
  }

  async findById(id: string): Promise<UserRecord | null> {
    if (!isValidObjectId(id)) return null;
    const doc = await this.users.findById(id).lean<UserDocument>().exec();
    return doc ? toRecord(doc) : null;
  }

  async findByIds(ids: readonly string[]): Promise<UserRecord[]> {
    const valid = ids.filter((id) => isValidObjectId(id)).map((id) => new Types.ObjectId(id));
    if (valid.length === 0) return [];
    const docs = await this.users
      .find({ _id: { $in: valid } })
      .lean<UserDocument[]>()
      .exec();
    return docs.map(toRecord);
  }

  async findByUsernames(usernames: readonly string[]): Promise<UserRecord[]> {
    if (usernames.length === 0) return [];
    const docs = await this.users
      .find({ username: { $in: [...usernames] } })
      .lean<UserDocument[]>()
      .exec();
    return docs.map(toRecord);
  }

  async findCredentialsByEmail(email: string): Promise<UserCredentials | null> {
    const doc = await this.users.findOne({ emailLower: email.toLowerCase() }).lean<UserDocument>().exec();
    return doc ? { user: toRecord(doc), passwordHash: doc.passwordHash } : null;
  }

  async search(query: string, limit: number): Promise<UserRecord[]> {
    const prefix = new RegExp(`^${escapeRegExp(query.toLowerCase())}`);
    const docs = await this.users
      .find({ $or: [{ username: prefix }, { displayNameLower: prefix }] })
      .sort({ username: 1 })
      .limit(limit)
      .lean<UserDocument[]>()
      .exec();
    return docs.map(toRecord);
  }

  async setLastSeen(userId: string, at: Date): Promise<void> {
    if (!isValidObjectId(userId)) return;
    await this.users.updateOne({ _id: new Types.ObjectId(userId) }, { $set: { lastSeenAt: at } }).exec();
  }

  async count(): Promise<number> {
    return this.users.countDocuments().exec();
  }

  private async claimFlag(key: string, value: string, createdAt: Date): Promise<boolean> {
    try {
      await this.flags.create({ _id: key, value, createdAt });
      return true;
    } catch (error) {
      if (isMongoDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /** The emulator's duplicate-key errors do not say which index collided, so look. */
  private async duplicateField(doc: UserDocument): Promise<string> {
    const sameEmail = await this.users.exists({ emailLower: doc.emailLower }).exec();
    return sameEmail ? 'email' : 'username';
  }
}
