import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SECRET } from '../harness.js';

const run = promisify(execFile);
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command as a user would, in a child process: by default the CLI itself
 * (`node --import tsx server/cli/index.ts …`); `npm`/`npx` and a working folder on request.
 */
export async function cli(
  args: string[],
  env: Record<string, string> = {},
  opts: { cwd?: string; command?: string[] } = {},
): Promise<CliResult> {
  const [file, ...prefix] = opts.command ?? [process.execPath, '--import', 'tsx', `${repoRoot}server/cli/index.ts`];
  try {
    const { stdout, stderr } = await run(file, [...prefix, ...args], {
      cwd: opts.cwd ?? repoRoot,
      env: { ...process.env, EDUGOV_JWT_SECRET: SECRET, EDUGOV_DATA_DIR: 'memory', ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    // execFile rejects with the exit code and the output collected so far.
    const failed = err as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
