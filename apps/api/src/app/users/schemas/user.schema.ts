import type { UserRole } from '@supchat/contracts';
import { USER_ROLES } from '@supchat/contracts';
import type { Types } from 'mongoose';
import { Schema } from 'mongoose';

export interface UserDocument {
  _id: Types.ObjectId;
  email: string;
  emailLower: string;
  username: string;
  displayName: string;
  displayNameLower: string;
  avatarUrl: string | null;
  role: UserRole;
  passwordHash: string;
  createdAt: Date;
  lastSeenAt?: Date | null;
}

export const USER_MODEL = 'User';

export const UserSchema = new Schema<UserDocument>(
  {
    email: { type: String, required: true },
    emailLower: { type: String, required: true },
    username: { type: String, required: true },
    displayName: { type: String, required: true },
    displayNameLower: { type: String, required: true },
    avatarUrl: { type: String, default: null },
    role: { type: String, enum: USER_ROLES, required: true },
    passwordHash: { type: String, required: true },
    createdAt: { type: Date, required: true },
    lastSeenAt: { type: Date, default: null },
  },
  { collection: 'users', versionKey: false },
);

// Login and registration look users up by email, case-insensitively; one account per email.
UserSchema.index({ emailLower: 1 }, { unique: true });
// Usernames are stored lower-case; unique, and prefix-searched by GET /api/users?q=.
UserSchema.index({ username: 1 }, { unique: true });
// GET /api/users?q= also matches a prefix of the display name.
UserSchema.index({ displayNameLower: 1 });

/** One-off claims (e.g. the first registered user becomes admin): the unique `_id` decides. */
export interface SystemFlagDocument {
  _id: string;
  value: string;
  createdAt: Date;
}

export const SYSTEM_FLAG_MODEL = 'SystemFlag';

export const SystemFlagSchema = new Schema<SystemFlagDocument>(
  {
    _id: { type: String, required: true },
    value: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'system_flags', versionKey: false },
);
