// Writes the printed SDL to schema/schema.graphql (committed; CI fails when it drifts).
import { writeFileSync } from 'node:fs';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './index.js';

const out = new URL('./schema.graphql', import.meta.url);
writeFileSync(out, `${printSchema(lexicographicSortSchema(schema))}\n`);
console.log(`wrote ${out.pathname}`);
