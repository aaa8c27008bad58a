/**
 * The baseline: the thinnest Socket.IO 4.8 server that does SUPCHAT's fan-out, with no
 * authentication, no validation and no storage. It answers exactly what the load clients use:
 * `ready` after joining the rooms the token names, `send-message` acked to the sender with a
 * Message-shaped object that is also broadcast as `new-message` to the room except the sender.
 * Started by main.ts (`--baseline`, `--compare-baseline`) as a child process; it reports its port
 * over IPC.
 */
import type { ClientToServerEvents, Message, ServerToClientEvents } from '@supchat/contracts';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { decodeBaselineToken } from './lib/baseline-token';

const httpServer = createServer();
const io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, {
  path: '/socket.io',
  serveClient: false,
  maxHttpBufferSize: 64 * 1024,
});

/** Per-channel counters, so messages carry a seq/rev like SUPCHAT's. */
const lastRev = new Map<string, number>();
let messageCounter = 0;

io.on('connection', (socket) => {
  const identity = decodeBaselineToken((socket.handshake.auth as { token?: unknown }).token);
  if (!identity) {
    socket.disconnect(true);
    return;
  }
  const author = {
    id: identity.userId,
    username: identity.userId,
    displayName: identity.userId,
    avatarUrl: null,
  };
  void socket.join(identity.channelIds.map((channelId) => `channel:${channelId}`));
  socket.emit('ready', { userId: identity.userId, channelIds: identity.channelIds });

  socket.on('send-message', (payload, ack) => {
    if (typeof ack !== 'function') return;
    const rev = (lastRev.get(payload.channelId) ?? 0) + 1;
    lastRev.set(payload.channelId, rev);
    messageCounter += 1;
    const message: Message = {
      id: messageCounter.toString(16).padStart(24, '0'),
      channelId: payload.channelId,
      seq: rev,
      rev,
      authorId: identity.userId,
      author,
      content: payload.content,
      mentions: [],
      mentionsChannel: false,
      parentId: null,
      replyCount: 0,
      lastReplyAt: null,
      reactions: [],
      attachments: [],
      clientMessageId: payload.clientMessageId,
      createdAt: new Date().toISOString(),
      editedAt: null,
      deletedAt: null,
    };
    socket.to(`channel:${payload.channelId}`).emit('new-message', message);
    ack({ ok: true, data: message });
  });
});

httpServer.listen(Number(process.env['PORT'] ?? 0), process.env['HOST'] ?? '127.0.0.1', () => {
  const { port } = httpServer.address() as AddressInfo;
  process.send?.({ kind: 'listening', port });
});
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
