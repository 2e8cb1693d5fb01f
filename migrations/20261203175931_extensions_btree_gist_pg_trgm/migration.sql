-- Extensions the schema needs, before any table (PGlite loads both in server/db.ts; PostgreSQL has them in contrib).
-- btree_gist: the gist operator class for "teacher_id with =" in the exchange overlap constraint.
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
-- pg_trgm: substring search on names (nameContains), the gin_trgm_ops indexes on schools and teachers.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
