import type { Connection, Model } from 'mongoose';
import { isValidObjectId, Types } from 'mongoose';
import type {
  NewRefreshToken,
  RefreshTokenRecord,
  RefreshTokensRepository,
} from './refresh-tokens.repository';
import type { RefreshTokenDocument } from './schemas/refresh-token.schema';
import { REFRESH_TOKEN_MODEL, RefreshTokenSchema } from './schemas/refresh-token.schema';

function toRecord(doc: RefreshTokenDocument): RefreshTokenRecord {
  return {
    id: doc._id.toHexString(),
    userId: doc.userId.toHexString(),
    familyId: doc.familyId.toHexString(),
    tokenHash: doc.tokenHash,
    createdAt: new Date(doc.createdAt),
    expiresAt: new Date(doc.expiresAt),
    replacedBy: doc.replacedBy ? doc.replacedBy.toHexString() : null,
    revokedAt: doc.revokedAt ? new Date(doc.revokedAt) : null,
  };
}

export class MongoRefreshTokensRepository implements RefreshTokensRepository {
  private constructor(private readonly tokens: Model<RefreshTokenDocument>) {}

  static async create(connection: Connection): Promise<MongoRefreshTokensRepository> {
    const tokens =
      connection.models[REFRESH_TOKEN_MODEL] ??
      connection.model<RefreshTokenDocument>(REFRESH_TOKEN_MODEL, RefreshTokenSchema);
    await tokens.init();
    return new MongoRefreshTokensRepository(tokens as Model<RefreshTokenDocument>);
  }

  async create(token: NewRefreshToken): Promise<RefreshTokenRecord> {
    const doc: RefreshTokenDocument = {
      _id: new Types.ObjectId(token.id),
      userId: new Types.ObjectId(token.userId),
      familyId: new Types.ObjectId(token.familyId),
      tokenHash: token.tokenHash,
      createdAt: new Date(),
      expiresAt: token.expiresAt,
      replacedBy: null,
      revokedAt: null,
    };
    await this.tokens.collection.insertOne(doc);
    return toRecord(doc);
  }

  async findByHash(tokenHash: string): Promise<RefreshTokenRecord | null> {
    const doc = await this.tokens.findOne({ tokenHash }).lean<RefreshTokenDocument>().exec();
    return doc ? toRecord(doc) : null;
  }

  async markReplaced(id: string, replacedBy: string): Promise<boolean> {
    if (!isValidObjectId(id)) return false;
    const result = await this.tokens
      .updateOne(
        { _id: new Types.ObjectId(id), replacedBy: null, revokedAt: null },
        { $set: { replacedBy: new Types.ObjectId(replacedBy) } },
      )
      .exec();
    return result.modifiedCount === 1;
  }

  async revokeFamily(familyId: string): Promise<number> {
    if (!isValidObjectId(familyId)) return 0;
    const result = await this.tokens
      .updateMany(
        { familyId: new Types.ObjectId(familyId), revokedAt: null },
        { $set: { revokedAt: new Date() } },
      )
      .exec();
    return result.modifiedCount;
  }

  async isFamilyActive(familyId: string): Promise<boolean> {
    if (!isValidObjectId(familyId)) return false;
    return (
      (await this.tokens.exists({ familyId: new Types.ObjectId(familyId), revokedAt: null }).exec()) !== null
    );
  }

  async deleteExpired(before: Date): Promise<number> {
    const result = await this.tokens.deleteMany({ expiresAt: { $lt: before } }).exec();
    return result.deletedCount;
  }
}
