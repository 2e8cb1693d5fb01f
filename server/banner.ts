import { fileURLToPath } from 'node:url';
import type { Config } from './config.js';
import { secretDir } from './secret.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * The token command for the startup banner. The CLI signs with the server's secret only when
 * it finds the same secret: the same EDUGOV_JWT_SECRET, or the generated one in the same data
 * folder. `npm run` works in the repository root, so a folder other than the root's .data is
 * named in the command itself.
 */
export function tokenCommand(config: Config, args: string): string {
  const command = `npm run -s edugov -- token ${args}`;
  if (config.EDUGOV_JWT_SECRET) return command;
  const dir = secretDir(config);
  const defaultDir = secretDir({ inMemory: false, EDUGOV_DATA_DIR: `${repoRoot}.data` });
  return dir === defaultDir ? command : `EDUGOV_DATA_DIR=${shellQuote(dir)} ${command}`;
}

export function banner(config: Config, url: string, databaseKind: 'pglite' | 'postgres'): string {
  return `
  edugov is serving ${url}  (${databaseKind === 'pglite' ? `embedded PGlite in ${config.EDUGOV_DATA_DIR}` : 'PostgreSQL'})

  Try it (public data, no token needed):
    curl -s ${url} -H 'content-type: application/json' \\
      -d '{"query":"{ region(code: \\"430700\\") { name children { code name schoolCount } } }"}'

  Get a token for a county bureau (安乡县) and ask who you are${config.EDUGOV_JWT_SECRET ? ' (in a shell with the same EDUGOV_JWT_SECRET)' : ''}:
    TOKEN=$(${tokenCommand(config, '--role COUNTY_ADMIN --region 430721 --subject demo')})
    curl -s ${url} -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
      -d '{"query":"{ viewer { role regionCode } teachers(first: 3) { totalCount nodes { name school { name } } } }"}'

`;
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;
}
