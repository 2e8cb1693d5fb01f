CREATE TYPE "balance_school_kind" AS ENUM('REGULAR', 'TEACHING_POINT', 'SPECIAL_EDUCATION');--> statement-breakpoint
CREATE TYPE "balance_stage" AS ENUM('PRIMARY', 'JUNIOR');--> statement-breakpoint
CREATE TYPE "school_year_status" AS ENUM('OPEN', 'CLOSED', 'MERGED');--> statement-breakpoint
CREATE TABLE "county_assessment_items" (
	"county_code" text,
	"year" integer,
	"item_code" text,
	"met" boolean NOT NULL,
	"survey_rate" numeric(5,2),
	"evidence" text[] DEFAULT '{}'::text[] NOT NULL,
	"note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "county_assessment_items_pkey" PRIMARY KEY("county_code","year","item_code"),
	CONSTRAINT "county_assessment_items_rate" CHECK ("survey_rate" is null or ("survey_rate" >= 0 and "survey_rate" <= 100))
);
--> statement-breakpoint
CREATE TABLE "school_year_facts" (
	"school_id" integer,
	"year" integer,
	"stage" "balance_stage",
	"county_code" text NOT NULL,
	"enrolment" integer NOT NULL,
	"status" "school_year_status" DEFAULT 'OPEN'::"school_year_status" NOT NULL,
	"kind" "balance_school_kind" DEFAULT 'REGULAR'::"balance_school_kind" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "school_year_facts_pkey" PRIMARY KEY("school_id","year","stage"),
	CONSTRAINT "school_year_facts_enrolment_nonneg" CHECK ("enrolment" >= 0)
);
--> statement-breakpoint
ALTER TABLE "school_indicator_values" ADD COLUMN "stage" "balance_stage";--> statement-breakpoint
-- Existing values belong to the school's only section: PRIMARY for primary schools, JUNIOR otherwise (as reports counted them).
UPDATE "school_indicator_values" v SET "stage" = CASE WHEN s."stage" = 'PRIMARY' THEN 'PRIMARY'::"balance_stage" ELSE 'JUNIOR'::"balance_stage" END FROM "schools" s WHERE s."id" = v."school_id";--> statement-breakpoint
ALTER TABLE "school_indicator_values" ALTER COLUMN "stage" SET NOT NULL;--> statement-breakpoint
-- Facts for the years already reported, from the school record as it stands (the best there is).
INSERT INTO "school_year_facts" ("school_id", "year", "stage", "county_code", "enrolment", "status", "kind")
SELECT DISTINCT v."school_id", v."year", v."stage", s."county_code", s."enrolment",
  CASE WHEN s."status" = 'CLOSED' THEN 'CLOSED'::"school_year_status" ELSE 'OPEN'::"school_year_status" END,
  CASE WHEN s."stage" = 'SPECIAL' THEN 'SPECIAL_EDUCATION'::"balance_school_kind" WHEN s."enrolment" < 50 THEN 'TEACHING_POINT'::"balance_school_kind" ELSE 'REGULAR'::"balance_school_kind" END
FROM "school_indicator_values" v JOIN "schools" s ON s."id" = v."school_id";--> statement-breakpoint
ALTER TABLE "school_indicator_values" DROP CONSTRAINT "school_indicator_values_pkey";--> statement-breakpoint
ALTER TABLE "school_indicator_values" ADD PRIMARY KEY ("school_id","year","stage","indicator");--> statement-breakpoint
CREATE INDEX "school_year_facts_county_idx" ON "school_year_facts" ("county_code","year","stage");--> statement-breakpoint
ALTER TABLE "school_year_facts" ADD CONSTRAINT "school_year_facts_school_id_schools_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id");