CREATE TYPE "admission_category" AS ENUM('UNIFIED', 'QUOTA', 'SPECIALTY');--> statement-breakpoint
CREATE TYPE "enrolment_plan_status" AS ENUM('DRAFT', 'PUBLISHED', 'SUPERSEDED');--> statement-breakpoint
CREATE TYPE "enrolment_stage" AS ENUM('SENIOR', 'JUNIOR');--> statement-breakpoint
CREATE TABLE "enrolment_admissions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "enrolment_admissions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"year" integer NOT NULL,
	"stage" "enrolment_stage" NOT NULL,
	"school_code" text NOT NULL,
	"source_junior_school_code" text NOT NULL,
	"category" "admission_category" NOT NULL,
	"school_id" integer NOT NULL,
	"county_code" text NOT NULL,
	"source_junior_school_id" integer NOT NULL,
	"source_county_code" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "enrolment_admissions_count_nonneg" CHECK ("count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "enrolment_plans" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "enrolment_plans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_code" text NOT NULL,
	"year" integer NOT NULL,
	"stage" "enrolment_stage" NOT NULL,
	"sequence" integer NOT NULL,
	"title" text NOT NULL,
	"status" "enrolment_plan_status" DEFAULT 'DRAFT'::"enrolment_plan_status" NOT NULL,
	"quota_share_min_percent" integer NOT NULL,
	"cross_county_allowed" boolean DEFAULT false NOT NULL,
	"based_on_id" integer,
	"published_at" timestamp with time zone,
	"superseded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrolment_plans_sequence_pos" CHECK ("sequence" >= 1),
	CONSTRAINT "enrolment_plans_share_range" CHECK ("quota_share_min_percent" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "enrolment_school_plans" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "enrolment_school_plans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"plan_id" integer NOT NULL,
	"school_id" integer NOT NULL,
	"county_code" text NOT NULL,
	"demonstration" boolean DEFAULT false NOT NULL,
	"allowed_county_codes" text[] NOT NULL,
	"unified_places" integer DEFAULT 0 NOT NULL,
	"quota_places" integer DEFAULT 0 NOT NULL,
	"specialty_places" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrolment_school_plans_places_nonneg" CHECK ("unified_places" >= 0 and "quota_places" >= 0 and "specialty_places" >= 0)
);
--> statement-breakpoint
CREATE TABLE "quota_allocations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "quota_allocations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"school_plan_id" integer NOT NULL,
	"junior_school_id" integer NOT NULL,
	"graduates" integer NOT NULL,
	"override_places" integer,
	"override_reason" text,
	"places" integer NOT NULL,
	CONSTRAINT "quota_allocations_nonneg" CHECK ("graduates" >= 0 and "places" >= 0 and coalesce("override_places", 0) >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "enrolment_admissions_key_uq" ON "enrolment_admissions" ("year","stage","school_code","source_junior_school_code","category");--> statement-breakpoint
CREATE INDEX "enrolment_admissions_school_idx" ON "enrolment_admissions" ("school_id","year");--> statement-breakpoint
CREATE INDEX "enrolment_admissions_county_idx" ON "enrolment_admissions" ("county_code");--> statement-breakpoint
CREATE UNIQUE INDEX "enrolment_plans_version_uq" ON "enrolment_plans" ("region_code","year","stage","sequence");--> statement-breakpoint
CREATE UNIQUE INDEX "enrolment_plans_one_published_uq" ON "enrolment_plans" ("region_code","year","stage") WHERE "status" = 'PUBLISHED';--> statement-breakpoint
CREATE UNIQUE INDEX "enrolment_plans_one_draft_uq" ON "enrolment_plans" ("region_code","year","stage") WHERE "status" = 'DRAFT';--> statement-breakpoint
CREATE UNIQUE INDEX "enrolment_school_plans_uq" ON "enrolment_school_plans" ("plan_id","school_id");--> statement-breakpoint
CREATE INDEX "enrolment_school_plans_school_idx" ON "enrolment_school_plans" ("school_id");--> statement-breakpoint
CREATE UNIQUE INDEX "quota_allocations_uq" ON "quota_allocations" ("school_plan_id","junior_school_id");--> statement-breakpoint
ALTER TABLE "enrolment_admissions" ADD CONSTRAINT "enrolment_admissions_school_id_schools_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id");--> statement-breakpoint
ALTER TABLE "enrolment_admissions" ADD CONSTRAINT "enrolment_admissions_county_code_regions_code_fkey" FOREIGN KEY ("county_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "enrolment_admissions" ADD CONSTRAINT "enrolment_admissions_source_junior_school_id_schools_id_fkey" FOREIGN KEY ("source_junior_school_id") REFERENCES "schools"("id");--> statement-breakpoint
ALTER TABLE "enrolment_admissions" ADD CONSTRAINT "enrolment_admissions_source_county_code_regions_code_fkey" FOREIGN KEY ("source_county_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "enrolment_plans" ADD CONSTRAINT "enrolment_plans_region_code_regions_code_fkey" FOREIGN KEY ("region_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "enrolment_plans" ADD CONSTRAINT "enrolment_plans_based_on_id_enrolment_plans_id_fkey" FOREIGN KEY ("based_on_id") REFERENCES "enrolment_plans"("id");--> statement-breakpoint
ALTER TABLE "enrolment_school_plans" ADD CONSTRAINT "enrolment_school_plans_plan_id_enrolment_plans_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "enrolment_plans"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "enrolment_school_plans" ADD CONSTRAINT "enrolment_school_plans_school_id_schools_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id");--> statement-breakpoint
ALTER TABLE "enrolment_school_plans" ADD CONSTRAINT "enrolment_school_plans_county_code_regions_code_fkey" FOREIGN KEY ("county_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "quota_allocations" ADD CONSTRAINT "quota_allocations_school_plan_id_enrolment_school_plans_id_fkey" FOREIGN KEY ("school_plan_id") REFERENCES "enrolment_school_plans"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "quota_allocations" ADD CONSTRAINT "quota_allocations_junior_school_id_schools_id_fkey" FOREIGN KEY ("junior_school_id") REFERENCES "schools"("id");