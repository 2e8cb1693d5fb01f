import cliProgress from 'cli-progress';

/** A progress bar on a terminal; plain, throttled progress lines (stderr) otherwise. */
export interface Progress {
  update(done: number, failed: number): void;
  stop(): void;
}

export function createProgress(label: string, total: number | null): Progress {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} {bar} {value}/{total} rows · {failed} failed · {eta_formatted} left`,
        stream: process.stderr,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total ?? 0, 0, { failed: 0 });
    return {
      update: (done, failed) => {
        if (total === null) bar.setTotal(done);
        bar.update(done, { failed });
      },
      stop: () => bar.stop(),
    };
  }
  let last = 0;
  return {
    update(done, failed) {
      const now = Date.now();
      if (now - last < 1000) return;
      last = now;
      process.stderr.write(`${label}: ${done}${total ? `/${total}` : ''} rows, ${failed} failed\n`);
    },
    stop() {},
  };
}
