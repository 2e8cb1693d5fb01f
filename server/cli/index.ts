import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { createApiKey, listApiKeys, revokeApiKey } from '../../schema/domains/access/apiKeyService.js';
import { signUserToken } from '../../schema/domains/access/tokens.js';
import { ROLES, SCOPES, type Role, type Scope } from '../../schema/domains/access/viewer.js';
import { fail, UserErrors } from '../../schema/errors.js';
import { ConfigError, DURATION, durationSeconds, loadConfig, type Config } from '../config.js';
import { migrateDatabase, openDatabase, type Database } from '../db.js';
import { acquire } from '../pidLock.js';
import { resolveJwtSecret } from '../secret.js';
import { causes } from '../hardening/dbErrors.js';
import { explainStartupFailure } from '../startupErrors.js';
import { createClient, EdugovError } from '../../sdk/src/index.js';
import { exportRecords } from './transfer/exportFile.js';
import { importFile } from './transfer/importFile.js';
import { KINDS } from './transfer/kinds.js';
import { syncChanges } from './transfer/sync.js';

const HELP = `edugov — command-line tools for the edugov API

Usage:
  edugov token  --role ROLE (--region CODE | --school CODE) [--subject ID] [--name NAME] [--ttl 12h] [--scopes a,b]
      Prints a signed bearer token for a person (JWT). Roles: ${ROLES.join(', ')}.
  edugov apikey create --name NAME --role ROLE [--region CODE] [--school CODE] [--scopes read,sync]
      Creates an API key for a portal or script; the key is printed once and stored hashed.
  edugov apikey list
  edugov apikey revoke PREFIX
  edugov migrate
      Applies database migrations (the server also does this on start).

  edugov import FILE --kind regions|schools|teachers|consortia|admissions [--batch 500] [--errors FILE] [--reject-batch] [--encoding gb18030]
      Imports a .csv, .xlsx or .jsonl file through the API in batches (idempotent: safe to
      re-run). CSV encoding is detected (UTF-8 with or without BOM, GBK/GB18030). Rows with
      problems go to an error report (FILE.errors.jsonl by default) with their line; the valid
      rows are written, unlike the API's default (REJECT_BATCH): --reject-batch writes a batch
      only when all its rows are valid. Lists in cells (subjects, memberSchoolCodes) are
      separated by ';'.
  edugov export --kind regions|schools|teachers|consortia|admissions [--format csv|jsonl] [--out FILE] [--region CODE]
      Writes every record the token may read, in the import format.
  edugov sync [--since CURSOR] [--out FILE] [--state .edugov-sync.json] [--follow] [--interval 10]
      Appends change-feed events as JSON Lines and stores the cursor, so the next run resumes.

  import/export/sync talk to the API: --url (or EDUGOV_URL, default http://localhost:$PORT/graphql)
  and --token (or EDUGOV_TOKEN).

Configuration comes from the same environment variables as the server (DATABASE_URL,
EDUGOV_DATA_DIR, EDUGOV_JWT_SECRET, …). With the embedded database, stop the server before
running apikey commands: one process at a time may open its folder.
`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      region: { type: 'string' },
      school: { type: 'string' },
      subject: { type: 'string' },
      name: { type: 'string' },
      ttl: { type: 'string' },
      scopes: { type: 'string' },
      json: { type: 'boolean' },
      url: { type: 'string' },
      token: { type: 'string' },
      kind: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      batch: { type: 'string' },
      errors: { type: 'string' },
      'reject-batch': { type: 'boolean' },
      encoding: { type: 'string' },
      since: { type: 'string' },
      state: { type: 'string' },
      follow: { type: 'boolean' },
      interval: { type: 'string' },
      'page-size': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, sub, arg] = positionals;
  if (values.help || !command) {
    process.stdout.write(HELP);
    return command || values.help ? 0 : 1;
  }
  const config = loadConfig();
  const role = values.role?.toUpperCase() as Role | undefined;
  if (role && !ROLES.includes(role)) fail('VALIDATION', `--role must be one of ${ROLES.join(', ')}`);
  const scopes = values.scopes ? parseScopes(values.scopes) : undefined;

  switch (command) {
    case 'token': {
      if (!role) fail('REQUIRED', '--role is required');
      const ttl = values.ttl ?? config.EDUGOV_TOKEN_TTL;
      // The server refuses longer-lived tokens; say so now rather than mint a useless one.
      if (!DURATION.test(ttl) || durationSeconds(ttl) > durationSeconds(config.EDUGOV_TOKEN_MAX_LIFETIME)) {
        fail(
          'VALIDATION',
          `--ttl must look like 30m, 12h or 7d and be at most EDUGOV_TOKEN_MAX_LIFETIME (${config.EDUGOV_TOKEN_MAX_LIFETIME})`,
        );
      }
      const token = await signUserToken(resolveJwtSecret(config), config.EDUGOV_JWT_ISSUER, {
        subject: values.subject ?? `cli-${role.toLowerCase()}`,
        name: values.name,
        role,
        regionCode: values.region,
        schoolCode: values.school,
        scopes,
        ttl,
      });
      process.stdout.write(`${token}\n`);
      return 0;
    }
    case 'apikey':
      return withDatabase(config, async (database) => {
        if (sub === 'create') {
          if (!role) fail('REQUIRED', '--role is required');
          const { key, token } = await createApiKey(database.db, {
            name: values.name ?? '',
            role,
            regionCode: values.region,
            schoolCode: values.school,
            scopes,
          });
          if (values.json) process.stdout.write(`${JSON.stringify({ token, ...key, secretHash: undefined })}\n`);
          else {
            process.stdout.write(`${token}\n`);
            process.stderr.write(
              `API key "${key.name}" (prefix ${key.prefix}, role ${key.role}, scopes ${key.scopes.join(',')}) created. Store it now: it is not shown again.\n`,
            );
          }
          return 0;
        }
        if (sub === 'list') {
          const keys = await listApiKeys(database.db);
          if (values.json) process.stdout.write(`${JSON.stringify(keys)}\n`);
          else console.table(keys.map((k) => ({ ...k, scopes: k.scopes.join(',') })));
          return 0;
        }
        if (sub === 'revoke') {
          if (!arg) fail('REQUIRED', 'usage: edugov apikey revoke PREFIX');
          const row = await revokeApiKey(database.db, arg);
          process.stdout.write(`revoked ${row.prefix} at ${row.revokedAt}\n`);
          return 0;
        }
        fail('VALIDATION', 'usage: edugov apikey create|list|revoke');
      });
    case 'import': {
      if (!sub) fail('REQUIRED', 'usage: edugov import FILE --kind KIND');
      const file = userPath(config, sub);
      const onError = values['reject-batch'] ? 'REJECT_BATCH' : 'APPLY_VALID';
      const summary = await importFile(apiClient(config, values), {
        file,
        kind: importableKindOf(values.kind),
        batchSize: intOption(values.batch, 500, '--batch', 1, 5000),
        onError,
        errorsFile: userPath(config, values.errors ?? `${sub}.errors.jsonl`),
        encoding: values.encoding,
        onStart: ({ rows, encoding }) =>
          process.stderr.write(
            `importing ${rows} rows from ${file} (${encoding}); ` +
              (onError === 'APPLY_VALID'
                ? 'rows with problems are reported and the valid rows are written (APPLY_VALID, unlike the ' +
                  "API's default REJECT_BATCH; --reject-batch writes a batch only when all its rows are " +
                  'valid)\n'
                : 'a batch is written only when all its rows are valid (REJECT_BATCH)\n'),
          ),
      });
      process.stderr.write(
        `imported ${summary.rows} rows: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.failed} failed` +
          (summary.skipped ? `, ${summary.skipped} skipped (valid, not written: their batch was rejected)` : '') +
          (summary.errorsFile ? ` (problems in ${summary.errorsFile})` : '') +
          '\n',
      );
      return summary.failed + summary.skipped > 0 ? 1 : 0;
    }
    case 'export': {
      const format = values.format ?? (values.out?.endsWith('.jsonl') ? 'jsonl' : 'csv');
      if (format !== 'csv' && format !== 'jsonl') fail('VALIDATION', '--format must be csv or jsonl');
      const token = values.token ?? config.EDUGOV_TOKEN;
      const n = await exportRecords(apiClient(config, values), {
        kind: kindOf(values.kind),
        format,
        out: values.out ? userPath(config, values.out) : null,
        regionCode: values.region,
      });
      if (n === 0 && !token) {
        // Without a token only public data is visible; an empty file is then no answer at all.
        process.stderr.write(
          `exported 0 ${values.kind}: without a token (--token or EDUGOV_TOKEN) only public data can be read, and there were no ${values.kind} to see` +
            ` (未提供令牌，只能读取公开数据，没有可导出的记录)\n`,
        );
        return 1;
      }
      process.stderr.write(`exported ${n} ${values.kind}\n`);
      return 0;
    }
    case 'sync': {
      const controller = new AbortController();
      process.once('SIGINT', () => controller.abort());
      const result = await syncChanges(apiClient(config, values), {
        since: values.since ?? null,
        out: values.out ? userPath(config, values.out) : null,
        stateFile: userPath(config, values.state ?? '.edugov-sync.json'),
        pageSize: intOption(values['page-size'], 500, '--page-size', 1, 1000),
        follow: !!values.follow,
        intervalMs: intOption(values.interval, 10, '--interval', 1, 3600) * 1000,
        signal: controller.signal,
      });
      process.stderr.write(`synced ${result.events} events; cursor ${result.cursor ?? '(start)'}\n`);
      return 0;
    }
    case 'migrate':
      return withDatabase(config, async () => {
        process.stdout.write('migrations applied\n');
        return 0;
      });
    default:
      fail('VALIDATION', `unknown command ${command}; see edugov --help`);
  }
}

/** The API the command talks to, named when it cannot be reached. */
let apiUrl: string | null = null;

function apiClient(config: Config, values: { url?: string; token?: string }) {
  apiUrl = values.url ?? config.EDUGOV_URL ?? `http://localhost:${config.PORT}/graphql`;
  return createClient({
    url: apiUrl,
    token: values.token ?? config.EDUGOV_TOKEN,
    timeoutMs: 120_000,
  });
}

/** A file argument, relative to the folder the user typed the command in (npm run moves to the repository root). */
function userPath(config: Config, file: string): string {
  return resolve(config.userDir, file);
}

function kindOf(kind: string | undefined): string {
  if (!kind || !(kind in KINDS)) fail('VALIDATION', `--kind must be one of ${Object.keys(KINDS).join(', ')}`);
  return kind;
}

/** Kinds read from the API only (supervision records are made by their verbs, not imported). */
function importableKindOf(kind: string | undefined): string {
  const k = kindOf(kind);
  if (!KINDS[k].upsert)
    fail(
      'VALIDATION',
      `--kind ${k} is export-only; importable kinds: ${Object.keys(KINDS)
        .filter((n) => KINDS[n].upsert)
        .join(', ')}`,
    );
  return k;
}

function intOption(raw: string | undefined, fallback: number, name: string, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    fail('VALIDATION', `${name} must be a whole number from ${min} to ${max}`);
  return n;
}

function parseScopes(raw: string): Scope[] {
  const list = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = list.filter((s) => !SCOPES.includes(s as Scope));
  if (bad.length) fail('VALIDATION', `unknown scope(s) ${bad.join(', ')}; known: ${SCOPES.join(', ')}`);
  return list as Scope[];
}

async function withDatabase(config: Config, fn: (db: Database) => Promise<number>): Promise<number> {
  const embedded = !config.DATABASE_URL;
  const release = embedded && !config.inMemory ? acquire(config.EDUGOV_DATA_DIR) : () => {};
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.inMemory ? 'memory' : config.EDUGOV_DATA_DIR,
  });
  try {
    await migrateDatabase(database);
    return await fn(database);
  } finally {
    await database.close();
    release();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    const explained = explainStartupFailure(err, safeConfig());
    if (explained) console.error(`edugov: ${explained}`);
    else if (err instanceof ConfigError || err instanceof UserErrors) console.error(`edugov: ${err.message}`);
    else if (err instanceof EdugovError && err.status === 0)
      console.error(
        `edugov: cannot reach ${apiUrl} (${networkReason(err)}); check that the server runs there, or pass --url / set EDUGOV_URL`,
      );
    else if (err instanceof EdugovError)
      console.error(`edugov: the API at ${apiUrl} answered ${err.status} ${err.code ?? ''}: ${err.message}`);
    else if (err instanceof ZodError)
      console.error(`edugov: ${err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    else console.error(err instanceof Error ? `edugov: ${err.message}` : err);
    process.exit(2);
  },
);

function safeConfig() {
  try {
    return loadConfig();
  } catch {
    return { DATABASE_URL: undefined, PORT: 4000, HOST: '0.0.0.0', EDUGOV_DATA_DIR: '.data' };
  }
}

function networkReason(err: unknown): string {
  for (const e of causes(err)) {
    if (e.code === 'ECONNREFUSED') return 'connection refused';
    if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return 'unknown host';
    if (e.code === 'ETIMEDOUT' || e.code === 'UND_ERR_CONNECT_TIMEOUT' || e.name === 'TimeoutError')
      return 'no answer in time';
    if (e.code === 'ECONNRESET') return 'connection reset';
  }
  return err instanceof Error ? err.message : String(err);
}
