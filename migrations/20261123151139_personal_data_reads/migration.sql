CREATE TABLE "personal_data_reads" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "personal_data_reads_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"actor_role" text NOT NULL,
	"request_id" text,
	"entity_type" text NOT NULL,
	"entity_keys" text[] NOT NULL,
	"fields" text[] NOT NULL,
	"region_codes" text[] NOT NULL
);
--> statement-breakpoint
CREATE INDEX "personal_data_reads_time_idx" ON "personal_data_reads" ("occurred_at");