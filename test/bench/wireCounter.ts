import { createServer, connect, type Server } from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL that counts the statements clients send: simple-protocol
 * queries ('Q') and extended-protocol executions ('E'). Statement counts per request are then
 * measured at the wire, the same way for every server under test.
 *
 * The proxy must not change what it measures: both sockets have Nagle's algorithm off
 * (TCP_NODELAY, as the PostgreSQL clients themselves set it), bytes are piped through
 * unchanged, and the count reads message headers in place without copying the stream.
 * Without TCP_NODELAY a small answer written in two segments waited for the peer's delayed
 * ACK (~40 ms) and light pages looked many times slower than they are.
 */
export interface WireCounter {
  port: number;
  statements(): number;
  close(): Promise<void>;
}

export async function startWireCounter(target: { host: string; port: number }): Promise<WireCounter> {
  let count = 0;
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((client) => {
    client.setNoDelay(true);
    const upstream = connect({ port: target.port, host: target.host, noDelay: true });
    upstream.setNoDelay(true);
    sockets.add(client).add(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    // Parser state: the header bytes of the message being read, and how many body bytes to skip.
    let startup = true;
    let header = Buffer.alloc(0);
    let skip = 0;
    client.on('data', (chunk: Buffer) => {
      let at = 0;
      while (at < chunk.length) {
        if (skip > 0) {
          const n = Math.min(skip, chunk.length - at);
          skip -= n;
          at += n;
          continue;
        }
        // Startup and SSL-request messages have no type byte: an 8-byte header (length, code);
        // every later message has a 5-byte header (type, length).
        const want = startup ? 8 : 5;
        const take = Math.min(want - header.length, chunk.length - at);
        header = Buffer.concat([header, chunk.subarray(at, at + take)]);
        at += take;
        if (header.length < want) break;
        if (startup) {
          const len = header.readInt32BE(0);
          if (header.readInt32BE(4) !== 80877103) startup = false; // 80877103 = SSLRequest, a startup message follows
          skip = len - 8;
        } else {
          const type = header[0];
          if (type === 0x51 /* Q */ || type === 0x45 /* E */) count++;
          skip = header.readInt32BE(1) - 4;
        }
        header = Buffer.alloc(0);
      }
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    statements: () => count,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
