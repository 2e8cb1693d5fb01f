import type { Logger } from 'pino';
import type { Context } from '../../schema/context.js';
import { systemViewer } from '../../schema/domains/access/viewer.js';
import { regions } from '../../schema/domains/organisation/table.js';
import { upsertConsortia } from '../../schema/domains/organisation/services/upsertConsortia.js';
import { upsertRegions } from '../../schema/domains/organisation/services/upsertRegions.js';
import { upsertSchools } from '../../schema/domains/organisation/services/upsertSchools.js';
import { upsertTeachers } from '../../schema/domains/organisation/services/upsertTeachers.js';
import type { BulkResult } from '../../schema/domains/shared/bulk.js';
import type { Database } from '../db.js';
import { generateDemoData } from '../../schema/domains/organisation/demo.js';
import { responsibilitySteps } from '../../schema/domains/responsibility/demo.js';
import { exchangeSteps } from '../../schema/domains/exchanges/demo.js';
import { evaluationSteps } from '../../schema/domains/evaluation/demo.js';
import { poolSteps } from '../../schema/domains/pools/demo.js';
import { staffingSteps } from '../../schema/domains/staffing/demo.js';
import { fundingSteps } from '../../schema/domains/funding/demo.js';
import { enrolmentSteps } from '../../schema/domains/enrolment/demo.js';
import { supervisionSteps } from '../../schema/domains/supervision/demo.js';

/**
 * The one seeding entry point. Each step writes through the same services as the API, so
 * demo data is validated and audited like any other change. Later domains append steps.
 */
export interface SeedStep {
  name: string;
  run(ctx: Context): Promise<void>;
}

const BATCH = 2000;

export function organisationSteps(seed: number): SeedStep[] {
  const data = generateDemoData(seed);
  return [
    { name: 'regions', run: (ctx) => inBatches(ctx, data.regions, upsertRegions) },
    { name: 'schools', run: (ctx) => inBatches(ctx, data.schools, upsertSchools) },
    { name: 'teachers', run: (ctx) => inBatches(ctx, data.teachers, upsertTeachers) },
    { name: 'consortia', run: (ctx) => inBatches(ctx, data.consortia, upsertConsortia) },
  ];
}

async function inBatches(
  ctx: Context,
  rows: unknown[],
  service: (ctx: Context, input: { rows: unknown[] }) => Promise<BulkResult<unknown>>,
) {
  for (let i = 0; i < rows.length; i += BATCH) {
    const result = await service(ctx, { rows: rows.slice(i, i + BATCH) });
    if (result.errors.length) {
      const first = result.errors.slice(0, 3).map((e) => `${e.path.join('.')}: ${e.message}`);
      throw new Error(`demo data rejected: ${first.join('; ')}`);
    }
  }
}

/** Loads the demo data set when the database holds no regions yet. Returns whether it did. */
export async function seedDemoDataIfEmpty(database: Database, log: Logger, seed = 20261123): Promise<boolean> {
  if ((await database.db.$count(regions)) > 0) return false;
  const ctx: Context = {
    db: database.db,
    viewer: systemViewer('demo-seed'),
    requestId: 'seed',
    log,
    limits: { maxBatchRows: BATCH },
  };
  for (const step of [
    ...organisationSteps(seed),
    ...responsibilitySteps(),
    ...exchangeSteps(seed),
    ...evaluationSteps(seed, { schools: generateDemoData(seed).schools }),
    ...poolSteps(),
    ...staffingSteps(),
    ...fundingSteps(),
    ...enrolmentSteps(),
    ...supervisionSteps(),
  ]) {
    const started = performance.now();
    await step.run(ctx);
    log.info({ step: step.name, ms: Math.round(performance.now() - started) }, 'demo data loaded');
  }
  return true;
}
