import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * The server's open sockets and pending timers (latency, slow replies), so `close()` can end
 * promptly: keep-alive connections and replies held back by a fault would otherwise keep the
 * process alive for `slowMs`.
 */
export class Connections {
  private readonly sockets = new Set<Socket>();
  private readonly pending = new Set<() => void>();
  private closed = false;

  constructor(server: Server) {
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  /**
   * Wait `ms` before answering `res`. Resolves true when the time is up, false when the client
   * went away or the sandbox is closing (the reply must then not be sent). Without `res`: work
   * the server carries on with whether or not the client still waits; false only when closing.
   */
  wait(ms: number, res?: ServerResponse): Promise<boolean> {
    if (this.closed || res?.destroyed) return Promise.resolve(false);
    if (ms <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = (elapsed: boolean) => {
        clearTimeout(timer);
        this.pending.delete(cancel);
        res?.off('close', cancel);
        resolve(elapsed && !this.closed);
      };
      const cancel = () => finish(false);
      const timer = setTimeout(() => finish(true), ms);
      this.pending.add(cancel);
      res?.once('close', cancel);
    });
  }

  /** Cancel every pending wait and destroy every socket, idle keep-alive ones included. */
  closeAll(): void {
    this.closed = true;
    for (const cancel of [...this.pending]) cancel();
    for (const socket of this.sockets) socket.destroy();
  }
}
