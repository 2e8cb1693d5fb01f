CREATE TYPE "exchange_approval_level" AS ENUM('CITY', 'COUNTY', 'SCHOOL');--> statement-breakpoint
CREATE TYPE "exchange_kind" AS ENUM('ROTATION', 'ITINERANT', 'SUPPORT', 'SHADOWING');--> statement-breakpoint
CREATE TYPE "exchange_status" AS ENUM('PROPOSED', 'APPROVED', 'ACTIVE', 'COMPLETED', 'REJECTED', 'CANCELLED');--> statement-breakpoint
CREATE TABLE "exchange_assignments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exchange_assignments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"teacher_id" integer NOT NULL,
	"kind" "exchange_kind" NOT NULL,
	"status" "exchange_status" DEFAULT 'PROPOSED'::"exchange_status" NOT NULL,
	"source_school_id" integer NOT NULL,
	"source_county_code" text NOT NULL,
	"target_school_id" integer NOT NULL,
	"target_county_code" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"subject" text,
	"weekly_hours" integer,
	"reason" text NOT NULL,
	"years_at_school_at_proposal" integer NOT NULL,
	"backbone_level_at_proposal" "backbone_level" NOT NULL,
	"eligible_at_proposal" boolean NOT NULL,
	"approval_level" "exchange_approval_level" NOT NULL,
	"approval_list_id" integer,
	"proposed_by" text NOT NULL,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"started_by" text,
	"started_at" timestamp with time zone,
	"completed_by" text,
	"completed_at" timestamp with time zone,
	"ended_on" date,
	"cancelled_by" text,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_source_ne_target" CHECK ("source_school_id" <> "target_school_id"),
	CONSTRAINT "exchange_dates_ordered" CHECK ("end_date" >= "start_date"),
	CONSTRAINT "exchange_weekly_hours" CHECK (("kind" = 'ITINERANT') = ("weekly_hours" is not null) and ("weekly_hours" is null or "weekly_hours" between 1 and 40))
);
--> statement-breakpoint
CREATE INDEX "exchange_teacher_idx" ON "exchange_assignments" ("teacher_id","start_date");--> statement-breakpoint
CREATE INDEX "exchange_source_school_idx" ON "exchange_assignments" ("source_school_id");--> statement-breakpoint
CREATE INDEX "exchange_target_school_idx" ON "exchange_assignments" ("target_school_id");--> statement-breakpoint
CREATE INDEX "exchange_source_county_idx" ON "exchange_assignments" ("source_county_code","start_date");--> statement-breakpoint
CREATE INDEX "exchange_target_county_idx" ON "exchange_assignments" ("target_county_code");--> statement-breakpoint
ALTER TABLE "exchange_assignments" ADD CONSTRAINT "exchange_assignments_teacher_id_teachers_id_fkey" FOREIGN KEY ("teacher_id") REFERENCES "teachers"("id");--> statement-breakpoint
ALTER TABLE "exchange_assignments" ADD CONSTRAINT "exchange_assignments_source_school_id_schools_id_fkey" FOREIGN KEY ("source_school_id") REFERENCES "schools"("id");--> statement-breakpoint
ALTER TABLE "exchange_assignments" ADD CONSTRAINT "exchange_assignments_source_county_code_regions_code_fkey" FOREIGN KEY ("source_county_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "exchange_assignments" ADD CONSTRAINT "exchange_assignments_target_school_id_schools_id_fkey" FOREIGN KEY ("target_school_id") REFERENCES "schools"("id");--> statement-breakpoint
ALTER TABLE "exchange_assignments" ADD CONSTRAINT "exchange_assignments_target_county_code_regions_code_fkey" FOREIGN KEY ("target_county_code") REFERENCES "regions"("code");