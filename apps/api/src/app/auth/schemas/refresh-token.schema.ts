import type { Types } from 'mongoose';
import { Schema } from 'mongoose';

export interface RefreshTokenDocument {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  familyId: Types.ObjectId;
  tokenHash: string;
  createdAt: Date;
  expiresAt: Date;
  replacedBy: Types.ObjectId | null;
  revokedAt: Date | null;
}

export const REFRESH_TOKEN_MODEL = 'RefreshToken';

export const RefreshTokenSchema = new Schema<RefreshTokenDocument>(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    familyId: { type: Schema.Types.ObjectId, required: true },
    tokenHash: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    replacedBy: { type: Schema.Types.ObjectId, default: null },
    revokedAt: { type: Date, default: null },
  },
  { collection: 'refresh_tokens', versionKey: false },
);

// POST /api/auth/refresh and /logout find the token by the hash of what the client presents.
RefreshTokenSchema.index({ tokenHash: 1 }, { unique: true });
// Revoking a whole family (logout, reuse detection) and checking whether it is still active.
RefreshTokenSchema.index({ familyId: 1, revokedAt: 1 });
// Sweeping expired tokens (the emulator has no TTL indexes, so the server sweeps itself).
RefreshTokenSchema.index({ expiresAt: 1 });
