const CHANNEL_ROOM_PREFIX = 'channel:';

export const userRoom = (userId: string) => `user:${userId}`;
export const channelRoom = (channelId: string) => `${CHANNEL_ROOM_PREFIX}${channelId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

export const isChannelRoom = (room: string) => room.startsWith(CHANNEL_ROOM_PREFIX);
export const channelIdOfRoom = (room: string) => room.slice(CHANNEL_ROOM_PREFIX.length);
