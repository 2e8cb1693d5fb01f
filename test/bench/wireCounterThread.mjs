// The statement-counting proxy's thread (see wireCounter.ts): its own event loop, so the load
// generator's work in the benchmark process never delays the bytes it passes on.
import { createServer, connect } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

const { host, port, counter } = workerData;
const count = new Int32Array(counter);
const sockets = new Set();

const server = createServer((client) => {
  client.setNoDelay(true);
  const upstream = connect({ port, host, noDelay: true });
  upstream.setNoDelay(true);
  sockets.add(client).add(upstream);
  client.pipe(upstream);
  upstream.pipe(client);
  // Parser state: the header bytes of the message being read, and how many body bytes to skip.
  let startup = true;
  let header = Buffer.alloc(0);
  let skip = 0;
  client.on('data', (chunk) => {
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
        if (header.readInt32BE(4) !== 80877103) startup = false; // 80877103 = SSLRequest, a startup message follows
        skip = header.readInt32BE(0) - 8;
      } else {
        if (header[0] === 0x51 /* Q */ || header[0] === 0x45 /* E */) Atomics.add(count, 0, 1);
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

server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', (m) => {
  if (m === 'close') {
    for (const s of sockets) s.destroy();
    server.close(() => parentPort.postMessage('closed'));
  }
});
