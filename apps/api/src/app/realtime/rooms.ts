export const userRoom = (userId: string) => `user:${userId}`;
export const channelRoom = (channelId: string) => `channel:${channelId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
