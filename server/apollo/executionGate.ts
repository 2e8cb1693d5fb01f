import pLimit from 'p-limit';

/**
 * The execution gate: at most EDUGOV_MAX_CONCURRENT_EXECUTIONS operations execute at once,
 * and each caller holds or waits for at most EDUGOV_MAX_CONCURRENT_PER_CALLER of those slots,
 * so one busy caller cannot starve everyone else.
 */
export interface ExecutionGate {
  /** Runs `run` once the caller `key` has its turn and a slot is free. */
  inCallerTurn<T>(key: string, run: () => Promise<T>): Promise<T>;
  /** Operations executing now, and waiting for a turn (a slot, or their caller's share of the slots). */
  executions(): { active: number; waiting: number };
}

export function createExecutionGate(maxConcurrent: number, maxPerCaller: number): ExecutionGate {
  const executionGate = pLimit(maxConcurrent);
  /**
   * Each caller's share of the execution slots: its requests queue behind each other here, so
   * at most EDUGOV_MAX_CONCURRENT_PER_CALLER of them wait in (or hold) the shared gate, and
   * everyone else's requests keep being served. Entries live while the caller has requests.
   */
  const callerGates = new Map<string, { gate: ReturnType<typeof pLimit>; uses: number }>();
  return {
    async inCallerTurn<T>(key: string, run: () => Promise<T>): Promise<T> {
      let entry = callerGates.get(key);
      if (!entry) callerGates.set(key, (entry = { gate: pLimit(maxPerCaller), uses: 0 }));
      entry.uses++;
      try {
        return await entry.gate(() => executionGate(run));
      } finally {
        if (--entry.uses === 0) callerGates.delete(key);
      }
    },
    // Waiting counts requests queued behind their own caller's share as well as for a slot.
    executions: () => ({
      active: executionGate.activeCount,
      waiting: executionGate.pendingCount + [...callerGates.values()].reduce((n, c) => n + c.gate.pendingCount, 0),
    }),
  };
}
