/** Default limits of the wire contract (DESIGN section 2). The server may be configured tighter. */
export const LIMITS = {
  password: { min: 8, max: 128 },
  username: { min: 2, max: 32 },
  displayName: { max: 64 },
  email: { max: 254 },
  channelName: { min: 1, max: 80 },
  channelTopic: { max: 250 },
  messageContent: { min: 1, max: 4000 },
  clientMessageId: { max: 64 },
  /** Largest Socket.IO frame the server accepts. */
  socketFrameBytes: 64 * 1024,
  /** Largest HTTP JSON body the server accepts. */
  httpBodyBytes: 1024 * 1024,
  historyPage: { default: 50, max: 100 },
  changesPage: { default: 200, max: 500 },
  membersPage: { default: 100, max: 500 },
  browse: { default: 50, max: 100 },
  channelInvitesPerRequest: 100,
  /** Channels one `sync` request may name (each once). */
  syncChannels: 500,
  /** Messages one `sync` reply holds at most, over all its channels (the rest: `hasMore`). */
  syncMessages: 1000,
  /** Characters of a message quoted in a notification. */
  notificationPreview: 140,
  userSearch: { default: 20, max: 50 },
  directChannelMembers: { min: 2, max: 9 },
  /** `client-stats`: how often a browser reports, how many samples a report holds, the largest one. */
  clientStats: { intervalMs: 30_000, samples: 200, maxRttMs: 120_000 },
  /** Probe messages the dashboard's message tester may send in one run. */
  probeMessages: { default: 50, max: 500 },
} as const;
