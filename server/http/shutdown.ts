import type { Server, ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';

/**
 * Graceful shutdown of the HTTP server: counts requests in flight and open connections, refuses
 * new requests once closing, and on close lets in-flight responses finish (up to the grace
 * period) and reach the client before the connections end.
 */
export interface Shutdown {
  /** Answers 503 UNAVAILABLE when the server is closing; returns whether it did. */
  refuseWhileClosing(res: ServerResponse): boolean;
  /** Counts a request as in flight until its response is handed to the OS or the client left. */
  track(res: ServerResponse): void;
  /** Stops listening, waits for in-flight requests and unsent bytes (at most `graceMs`), ends every connection. */
  drain(graceMs: number): Promise<void>;
}

export function trackForShutdown(server: Server): Shutdown {
  let inFlight = 0;
  let closing = false;
  let drained: (() => void) | null = null;
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  return {
    refuseWhileClosing(res) {
      if (!closing) return false;
      res.writeHead(503, { connection: 'close', 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ errors: [{ message: 'Server is shutting down', extensions: { code: 'UNAVAILABLE' } }] }),
      );
      return true;
    },
    track(res) {
      inFlight++;
      // A request is in flight until its response has been handed to the OS ('finish'), not
      // merely produced: destroying a socket with bytes still buffered in Node cuts them off.
      // 'close' covers clients that went away first.
      let counted = true;
      const done = () => {
        if (!counted) return;
        counted = false;
        inFlight--;
        if (closing && inFlight === 0) drained?.();
      };
      res.once('finish', done);
      res.once('close', done);
    },
    async drain(graceMs) {
      closing = true;
      // Stop listening without http.Server#close's idle sweep: Node counts a connection whose
      // response has been produced as idle even while megabytes of it are still unsent, and
      // that sweep destroyed such responses mid-flight.
      const stopped = new Promise<void>((r) => NetServer.prototype.close.call(server, () => r()));
      const deadline = new Promise<void>((r) => setTimeout(r, graceMs).unref());
      if (inFlight > 0) await Promise.race([new Promise<void>((r) => (drained = r)), deadline]);
      // End each connection once Node holds no unsent bytes for it (FIN after the data);
      // force only at the deadline.
      await Promise.race([
        Promise.all(
          [...sockets].map(async (socket) => {
            while (!socket.destroyed && (socket.writableLength > 0 || socket.writableNeedDrain)) {
              await Promise.race([new Promise((r) => socket.once('drain', r)), new Promise((r) => setTimeout(r, 50))]);
            }
            socket.end();
          }),
        ),
        deadline,
      ]);
      await Promise.race([stopped, deadline]);
      server.closeAllConnections();
      await stopped;
    },
  };
}
