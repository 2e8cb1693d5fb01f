CREATE TYPE "backbone_level" AS ENUM('NONE', 'COUNTY', 'CITY', 'PROVINCIAL');--> statement-breakpoint
CREATE TYPE "consortium_kind" AS ENUM('COMMUNITY', 'BRANCH_CAMPUS', 'URBAN_RURAL_PAIR', 'ALLIANCE');--> statement-breakpoint
CREATE TYPE "gender" AS ENUM('FEMALE', 'MALE');--> statement-breakpoint
CREATE TYPE "locality" AS ENUM('URBAN', 'TOWN', 'RURAL');--> statement-breakpoint
CREATE TYPE "professional_title" AS ENUM('UNRANKED', 'THIRD_GRADE', 'SECOND_GRADE', 'FIRST_GRADE', 'SENIOR', 'PROFESSOR');--> statement-breakpoint
CREATE TYPE "qualification" AS ENUM('SECONDARY', 'ASSOCIATE', 'BACHELOR', 'MASTER', 'DOCTORATE');--> statement-breakpoint
CREATE TYPE "region_level" AS ENUM('PROVINCE', 'CITY', 'COUNTY');--> statement-breakpoint
CREATE TYPE "school_stage" AS ENUM('KINDERGARTEN', 'PRIMARY', 'JUNIOR', 'NINE_YEAR', 'SENIOR', 'TWELVE_YEAR', 'VOCATIONAL', 'SPECIAL');--> statement-breakpoint
CREATE TYPE "school_status" AS ENUM('ACTIVE', 'SUSPENDED', 'CLOSED');--> statement-breakpoint
CREATE TYPE "role" AS ENUM('CITY_ADMIN', 'COUNTY_ADMIN', 'SCHOOL_ADMIN', 'EVALUATOR', 'PORTAL');--> statement-breakpoint
CREATE TABLE "consortia" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "consortia_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL UNIQUE,
	"name" text NOT NULL,
	"kind" "consortium_kind" NOT NULL,
	"region_code" text NOT NULL,
	"lead_school_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consortium_members" (
	"consortium_id" integer,
	"school_id" integer,
	CONSTRAINT "consortium_members_pkey" PRIMARY KEY("consortium_id","school_id")
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"code" text PRIMARY KEY,
	"name" text NOT NULL,
	"level" "region_level" NOT NULL,
	"parent_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "regions_code_format" CHECK ("code" ~ '^[1-9][0-9]{5}$')
);
--> statement-breakpoint
CREATE TABLE "schools" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "schools_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL UNIQUE,
	"name" text NOT NULL,
	"stage" "school_stage" NOT NULL,
	"locality" "locality" NOT NULL,
	"county_code" text NOT NULL,
	"enrolment" integer DEFAULT 0 NOT NULL,
	"staff_count" integer DEFAULT 0 NOT NULL,
	"is_county_high_school" boolean DEFAULT false NOT NULL,
	"status" "school_status" DEFAULT 'ACTIVE'::"school_status" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schools_code_format" CHECK ("code" ~ '^[0-9]{10}$'),
	CONSTRAINT "schools_enrolment_nonneg" CHECK ("enrolment" >= 0 and "staff_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "teachers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "teachers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"staff_no" text NOT NULL UNIQUE,
	"name" text NOT NULL,
	"gender" "gender" NOT NULL,
	"school_id" integer NOT NULL,
	"county_code" text NOT NULL,
	"subjects" text[] DEFAULT '{}'::text[] NOT NULL,
	"title" "professional_title" DEFAULT 'UNRANKED'::"professional_title" NOT NULL,
	"backbone_level" "backbone_level" DEFAULT 'NONE'::"backbone_level" NOT NULL,
	"years_at_school" integer DEFAULT 0 NOT NULL,
	"qualification" "qualification" NOT NULL,
	"id_number" text,
	"phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "teachers_years_nonneg" CHECK ("years_at_school" >= 0)
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_keys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"prefix" text NOT NULL UNIQUE,
	"secret_hash" text NOT NULL,
	"name" text NOT NULL,
	"role" "role" NOT NULL,
	"region_code" text,
	"school_code" text,
	"scopes" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"actor_role" text NOT NULL,
	"request_id" text,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_key" text NOT NULL,
	"region_code" text,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE INDEX "consortia_region_idx" ON "consortia" ("region_code");--> statement-breakpoint
CREATE INDEX "consortium_members_school_idx" ON "consortium_members" ("school_id");--> statement-breakpoint
CREATE INDEX "regions_parent_idx" ON "regions" ("parent_code");--> statement-breakpoint
CREATE INDEX "schools_county_name_idx" ON "schools" ("county_code","name");--> statement-breakpoint
CREATE INDEX "schools_name_idx" ON "schools" ("name");--> statement-breakpoint
CREATE INDEX "teachers_school_name_idx" ON "teachers" ("school_id","name");--> statement-breakpoint
CREATE INDEX "teachers_county_idx" ON "teachers" ("county_code");--> statement-breakpoint
CREATE INDEX "api_keys_created_idx" ON "api_keys" ("created_at");--> statement-breakpoint
CREATE INDEX "audit_events_feed_idx" ON "audit_events" ("txid","id");--> statement-breakpoint
CREATE INDEX "audit_events_entity_idx" ON "audit_events" ("entity_type","entity_key");--> statement-breakpoint
ALTER TABLE "consortia" ADD CONSTRAINT "consortia_region_code_regions_code_fkey" FOREIGN KEY ("region_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "consortia" ADD CONSTRAINT "consortia_lead_school_id_schools_id_fkey" FOREIGN KEY ("lead_school_id") REFERENCES "schools"("id");--> statement-breakpoint
ALTER TABLE "consortium_members" ADD CONSTRAINT "consortium_members_consortium_id_consortia_id_fkey" FOREIGN KEY ("consortium_id") REFERENCES "consortia"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "consortium_members" ADD CONSTRAINT "consortium_members_school_id_schools_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id");--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "regions_parent_code_regions_code_fkey" FOREIGN KEY ("parent_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "schools" ADD CONSTRAINT "schools_county_code_regions_code_fkey" FOREIGN KEY ("county_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "teachers" ADD CONSTRAINT "teachers_school_id_schools_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id");--> statement-breakpoint
ALTER TABLE "teachers" ADD CONSTRAINT "teachers_county_code_regions_code_fkey" FOREIGN KEY ("county_code") REFERENCES "regions"("code");