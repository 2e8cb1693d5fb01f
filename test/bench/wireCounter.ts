import { Worker } from 'node:worker_threads';

/**
 * A TCP proxy in front of PostgreSQL that counts the statements clients send: simple-protocol
 * queries ('Q') and extended-protocol executions ('E'). Statement counts per request are then
 * measured at the wire, the same way for every server under test.
 *
 * The proxy must not change what it measures. It runs in its own thread
 * (wireCounterThread.mjs), so the load generator in this process never delays it; both of its
 * sockets have Nagle's algorithm off (TCP_NODELAY, as PostgreSQL clients set it); bytes are
 * piped through unchanged and the count reads message headers in place. Without TCP_NODELAY a
 * small answer written in two segments waited for the peer's delayed ACK (~40 ms), and light
 * pages looked many times slower than they are.
 */
export interface WireCounter {
  port: number;
  statements(): number;
  close(): Promise<void>;
}

export async function startWireCounter(target: { host: string; port: number }): Promise<WireCounter> {
  const counter = new SharedArrayBuffer(4);
  const count = new Int32Array(counter);
  const worker = new Worker(new URL('./wireCounterThread.mjs', import.meta.url), {
    workerData: { ...target, counter },
    execArgv: [],
  });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (m: { port: number }) => resolve(m.port));
    worker.once('error', reject);
  });
  return {
    port,
    statements: () => Atomics.load(count, 0),
    close: async () => {
      await new Promise<void>((resolve) => {
        worker.once('message', () => resolve());
        worker.postMessage('close');
      });
      await worker.terminate();
    },
  };
}
