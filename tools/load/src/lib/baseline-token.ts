/**
 * The baseline server authenticates nobody: its "token" just names the user and the channels whose
 * rooms the socket joins, so the clients connect exactly as they do to SUPCHAT (`auth.token`, then
 * `ready`).
 */
export interface BaselineIdentity {
  userId: string;
  channelIds: string[];
}

export function encodeBaselineToken(identity: BaselineIdentity): string {
  return Buffer.from(JSON.stringify({ u: identity.userId, c: identity.channelIds }), 'utf8').toString(
    'base64url',
  );
}

export function decodeBaselineToken(token: unknown): BaselineIdentity | null {
  if (typeof token !== 'string') return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (!value || typeof value !== 'object') return null;
    const { u, c } = value as { u?: unknown; c?: unknown };
    if (typeof u !== 'string' || !Array.isArray(c) || !c.every((id) => typeof id === 'string')) return null;
    return { userId: u, channelIds: c as string[] };
  } catch {
    return null;
  }
}

/** A synthetic id in SUPCHAT's shape (24 hex characters) for the baseline's users and channels. */
export function syntheticId(kind: 'user' | 'channel', index: number): string {
  const prefix = kind === 'user' ? 'aa' : 'cc';
  return `${prefix}${index.toString(16).padStart(22, '0')}`;
}
