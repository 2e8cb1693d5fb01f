#!/usr/bin/env bash
# Fails when a committed artefact no longer matches the code that produces it:
# the printed schema, the generated SDK, the tests' typed documents, and the migrations.
set -euo pipefail
cd "$(dirname "$0")/.."

npx tsx schema/print.ts >/dev/null
if [ -f codegen.ts ]; then npx graphql-codegen --config codegen.ts >/dev/null; fi
# Trusted-documents manifest (hashes of the SDK's operations), checked with sdk/src/generated.
npx tsx server/hardening/buildManifest.ts >/dev/null
npx drizzle-kit generate --config migrations/drizzle.config.ts --name drift_check >/dev/null

if ! git diff --exit-code --stat -- schema/schema.graphql sdk/src/generated test/graphql migrations; then
  echo "drift: committed artefacts differ from the code; run 'npm run generate' and 'npm run db:generate' and commit" >&2
  exit 1
fi
untracked=$(git ls-files --others --exclude-standard -- schema/schema.graphql sdk/src/generated test/graphql migrations)
if [ -n "$untracked" ]; then
  echo "drift: new generated files not committed:" >&2
  echo "$untracked" >&2
  exit 1
fi
echo "drift: schema, SDK, typed test documents and migrations match the code"
