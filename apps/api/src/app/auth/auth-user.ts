import type { UserRole } from '@supchat/contracts';

/** The caller, as proven by a valid access token. */
export interface AuthUser {
  id: string;
  role: UserRole;
  /** The refresh-token family the access token was issued for: one login on one device. */
  sessionId: string;
  /** When the access token expires (ms since epoch). */
  expiresAt: number;
}
