import { createServer, connect, type Server } from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL that counts the statements clients send: simple-protocol
 * queries ('Q') and extended-protocol executions ('E'). Statement counts per request are then
 * measured at the wire, the same way for every server under test.
 */
export interface WireCounter {
  port: number;
  statements(): number;
  close(): Promise<void>;
}

export async function startWireCounter(target: { host: string; port: number }): Promise<WireCounter> {
  let count = 0;
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    let buffer = Buffer.alloc(0);
    let startup = true;
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (startup) {
          // Startup and SSL-request messages have no type byte: length first.
          if (buffer.length < 4) break;
          const len = buffer.readInt32BE(0);
          if (buffer.length < len) break;
          const code = buffer.readInt32BE(4);
          buffer = buffer.subarray(len);
          if (code !== 80877103) startup = false; // 80877103 = SSLRequest, a startup message follows
          continue;
        }
        if (buffer.length < 5) break;
        const len = buffer.readInt32BE(1);
        if (buffer.length < len + 1) break;
        const type = String.fromCharCode(buffer[0]);
        if (type === 'Q' || type === 'E') count++;
        buffer = buffer.subarray(len + 1);
      }
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    statements: () => count,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
