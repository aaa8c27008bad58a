/** The coordinator's side of the client workers: fork, request/reply over IPC, progress. */
import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import type {
  ClientSpec,
  CoordinatorRequest,
  FromWorker,
  ToWorker,
  WindowStats,
  WorkerProgress,
  WorkerReply,
} from './protocol';

type Pending = { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void };

export class WorkerHandle {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  progress: WorkerProgress = { kind: 'progress', connected: 0, failed: 0, sent: 0, received: 0, caughtUp: 0 };

  constructor(
    readonly process: ChildProcess,
    readonly clients: ClientSpec[],
  ) {
    process.on('message', (message: FromWorker) => {
      if ('kind' in message) {
        this.progress = message;
        return;
      }
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if (message.reply.kind === 'error')
        pending.reject(new Error(`worker ${process.pid}: ${message.reply.message}`));
      else pending.resolve(message.reply);
    });
    process.on('exit', (code, signal) => {
      for (const pending of this.pending.values()) {
        pending.reject(new Error(`worker ${process.pid} exited (code ${code}, signal ${signal})`));
      }
      this.pending.clear();
    });
  }

  get pid(): number {
    return this.process.pid ?? -1;
  }

  call<K extends WorkerReply['kind']>(
    request: CoordinatorRequest,
    expect: K,
  ): Promise<Extract<WorkerReply, { kind: K }>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, {
        resolve: (reply) => {
          if (reply.kind !== expect)
            reject(new Error(`worker ${this.pid}: expected ${expect}, got ${reply.kind}`));
          else resolve(reply as Extract<WorkerReply, { kind: K }>);
        },
        reject,
      });
      const message: ToWorker = { id, request };
      this.process.send(message);
    });
  }
}

export class WorkerPool {
  private constructor(readonly workers: WorkerHandle[]) {}

  /** Forks one worker per client group (none for an empty group). */
  static start(workerScript: string, groups: ClientSpec[][]): WorkerPool {
    const workers = groups
      .filter((group) => group.length > 0)
      .map((group) => {
        const child = fork(workerScript, [], {
          serialization: 'advanced',
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
          // LOAD_WORKER_CPU_PROF=<dir> profiles the workers themselves (is the generator efficient?).
          execArgv: process.env['LOAD_WORKER_CPU_PROF']
            ? ['--cpu-prof', `--cpu-prof-dir=${process.env['LOAD_WORKER_CPU_PROF']}`]
            : [],
        });
        return new WorkerHandle(child, group);
      });
    return new WorkerPool(workers);
  }

  all<K extends WorkerReply['kind']>(
    request: CoordinatorRequest | ((worker: WorkerHandle) => CoordinatorRequest),
    expect: K,
  ): Promise<Extract<WorkerReply, { kind: K }>[]> {
    return Promise.all(
      this.workers.map((worker) =>
        worker.call(typeof request === 'function' ? request(worker) : request, expect),
      ),
    );
  }

  /** Progress of every worker summed. */
  progress(): WorkerProgress {
    const sum: WorkerProgress = {
      kind: 'progress',
      connected: 0,
      failed: 0,
      sent: 0,
      received: 0,
      caughtUp: 0,
    };
    for (const worker of this.workers) {
      sum.connected += worker.progress.connected;
      sum.failed += worker.progress.failed;
      sum.sent += worker.progress.sent;
      sum.received += worker.progress.received;
      sum.caughtUp += worker.progress.caughtUp;
    }
    return sum;
  }

  async windowStart(): Promise<void> {
    await this.all({ kind: 'window-start' }, 'ok');
  }

  async windowEnd(): Promise<{ pid: number; stats: WindowStats }[]> {
    const replies = await this.all({ kind: 'window-end' }, 'window');
    return replies.map((reply, index) => ({ pid: this.workers[index].pid, stats: reply.stats }));
  }

  async close(): Promise<void> {
    await Promise.all(
      this.workers.map(async (worker) => {
        const exited = new Promise<void>((resolve) => {
          if (worker.process.exitCode !== null) resolve();
          else worker.process.once('exit', () => resolve());
        });
        try {
          await Promise.race([worker.call({ kind: 'close' }, 'ok'), exited]);
        } catch {
          // Already gone.
        }
        const timer = setTimeout(() => worker.process.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }),
    );
  }
}

/**
 * Spreads clients over `workers` groups: whole rooms per worker when there are at least as many
 * rooms as workers (a room's sender and receivers then share one clock), else client by client.
 */
export function assignToWorkers(
  clients: readonly ClientSpec[],
  workers: number,
  rooms: number,
): ClientSpec[][] {
  const groups: ClientSpec[][] = Array.from({ length: Math.max(1, workers) }, () => []);
  for (const client of clients) {
    const group = rooms >= workers ? client.room % workers : client.index % workers;
    groups[group].push(client);
  }
  return groups;
}
