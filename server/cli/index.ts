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

  edugov import FILE --kind regions|schools|teachers|consortia [--batch 500] [--errors FILE] [--reject-batch]
      Imports a .csv or .jsonl file through the API in batches (idempotent: safe to re-run);
      rows with problems go to an error report (FILE.errors.jsonl by default). Lists in CSV
      cells (subjects, memberSchoolCodes) are separated by ';'.
  edugov export --kind regions|schools|teachers|consortia [--format csv|jsonl] [--out FILE] [--region CODE]
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
        fail('VALIDATION', `--ttl must look like 30m, 12h or 7d and be at most EDUGOV_TOKEN_MAX_LIFETIME (${config.EDUGOV_TOKEN_MAX_LIFETIME})`);
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
      const summary = await importFile(apiClient(config, values), {
        file: sub,
        kind: kindOf(values.kind),
        batchSize: intOption(values.batch, 500, '--batch', 1, 5000),
        onError: values['reject-batch'] ? 'REJECT_BATCH' : 'APPLY_VALID',
        errorsFile: values.errors ?? `${sub}.errors.jsonl`,
      });
      process.stderr.write(
        `imported ${summary.rows} rows: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.failed} failed` +
          (summary.errorsFile ? ` (problems in ${summary.errorsFile})` : '') +
          '\n',
      );
      return summary.failed > 0 ? 1 : 0;
    }
    case 'export': {
      const format = values.format ?? (values.out?.endsWith('.jsonl') ? 'jsonl' : 'csv');
      if (format !== 'csv' && format !== 'jsonl') fail('VALIDATION', '--format must be csv or jsonl');
      const n = await exportRecords(apiClient(config, values), { kind: kindOf(values.kind), format, out: values.out ?? null, regionCode: values.region });
      process.stderr.write(`exported ${n} ${values.kind}\n`);
      return 0;
    }
    case 'sync': {
      const controller = new AbortController();
      process.once('SIGINT', () => controller.abort());
      const result = await syncChanges(apiClient(config, values), {
        since: values.since ?? null,
        out: values.out ?? null,
        stateFile: values.state ?? '.edugov-sync.json',
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

function apiClient(config: Config, values: { url?: string; token?: string }) {
  return createClient({
    url: values.url ?? config.EDUGOV_URL ?? `http://localhost:${config.PORT}/graphql`,
    token: values.token ?? config.EDUGOV_TOKEN,
    timeoutMs: 120_000,
  });
}

function kindOf(kind: string | undefined): string {
  if (!kind || !(kind in KINDS)) fail('VALIDATION', `--kind must be one of ${Object.keys(KINDS).join(', ')}`);
  return kind;
}

function intOption(raw: string | undefined, fallback: number, name: string, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) fail('VALIDATION', `${name} must be a whole number from ${min} to ${max}`);
  return n;
}

function parseScopes(raw: string): Scope[] {
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = list.filter((s) => !SCOPES.includes(s as Scope));
  if (bad.length) fail('VALIDATION', `unknown scope(s) ${bad.join(', ')}; known: ${SCOPES.join(', ')}`);
  return list as Scope[];
}

async function withDatabase(config: Config, fn: (db: Database) => Promise<number>): Promise<number> {
  const embedded = !config.DATABASE_URL;
  const release = embedded && !config.inMemory ? acquire(config.EDUGOV_DATA_DIR) : () => {};
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.inMemory ? 'memory' : config.EDUGOV_DATA_DIR });
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
    if (err instanceof ConfigError || err instanceof UserErrors) console.error(`edugov: ${err.message}`);
    else if (err instanceof EdugovError) console.error(`edugov: the API answered ${err.status} ${err.code ?? ''}: ${err.message}`);
    else if (err instanceof ZodError) console.error(`edugov: ${err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    else console.error(err instanceof Error ? `edugov: ${err.message}` : err);
    process.exit(2);
  },
);
