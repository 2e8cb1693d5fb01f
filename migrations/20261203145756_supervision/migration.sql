CREATE TYPE "escalation_stage" AS ENUM('LISTED', 'ACCOUNTABILITY');--> statement-breakpoint
CREATE TYPE "finding_severity" AS ENUM('MINOR', 'MAJOR', 'SERIOUS');--> statement-breakpoint
CREATE TYPE "inspection_kind" AS ENUM('SPECIAL', 'SPOT_CHECK', 'FOLLOW_UP');--> statement-breakpoint
CREATE TYPE "inspector_kind" AS ENUM('STAFF', 'THIRD_PARTY', 'OBSERVER');--> statement-breakpoint
CREATE TYPE "meeting_kind" AS ENUM('QUARTERLY_COORDINATION', 'CONSULTATION');--> statement-breakpoint
CREATE TYPE "rapid_request_status" AS ENUM('OPEN', 'ANSWERED');--> statement-breakpoint
CREATE TYPE "reporting_rhythm" AS ENUM('WEEKLY', 'MONTHLY', 'QUARTERLY', 'YEARLY');--> statement-breakpoint
CREATE TABLE "coordination_meetings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "coordination_meetings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_code" text NOT NULL,
	"kind" "meeting_kind" NOT NULL,
	"title" text NOT NULL,
	"held_on" date NOT NULL,
	"participants" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "escalations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "escalations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"task_id" integer NOT NULL,
	"stage" "escalation_stage" NOT NULL,
	"region_code" text NOT NULL,
	"reason" text NOT NULL,
	"supervising_leader" text NOT NULL,
	"accountable_person" text,
	"decision" text,
	"decided_on" date,
	"escalated_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_findings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "inspection_findings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"inspection_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"school_id" integer,
	"severity" "finding_severity" NOT NULL,
	"item_key" text NOT NULL,
	"description" text NOT NULL,
	"evidence" text[] DEFAULT '{}'::text[] NOT NULL,
	"task_id" integer,
	"recheck_passed" boolean,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_inspectors" (
	"inspection_id" integer,
	"actor" text,
	"region_code" text NOT NULL,
	"name" text NOT NULL,
	"kind" "inspector_kind" NOT NULL,
	CONSTRAINT "inspection_inspectors_pkey" PRIMARY KEY("inspection_id","actor")
);
--> statement-breakpoint
CREATE TABLE "inspections" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "inspections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_code" text NOT NULL,
	"kind" "inspection_kind" NOT NULL,
	"title" text NOT NULL,
	"scope_region_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"scope_school_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspections_period" CHECK ("period_end" >= "period_start")
);
--> statement-breakpoint
CREATE TABLE "meeting_agenda_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meeting_agenda_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"meeting_id" integer NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"task_id" integer,
	"finding_id" integer,
	"rapid_request_id" integer
);
--> statement-breakpoint
CREATE TABLE "meeting_decisions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meeting_decisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"meeting_id" integer NOT NULL,
	"decision" text NOT NULL,
	"task_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "period_report_tasks" (
	"report_id" integer,
	"task_id" integer,
	"progress" integer NOT NULL,
	"note" text NOT NULL,
	CONSTRAINT "period_report_tasks_pkey" PRIMARY KEY("report_id","task_id"),
	CONSTRAINT "period_report_tasks_progress" CHECK ("progress" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "period_reports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "period_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"period_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"narrative" text NOT NULL,
	"attachments" text[] DEFAULT '{}'::text[] NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"submitted_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rapid_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rapid_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_code" text NOT NULL,
	"city_code" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"response_deadline" date NOT NULL,
	"status" "rapid_request_status" DEFAULT 'OPEN'::"rapid_request_status" NOT NULL,
	"response" text,
	"responded_at" timestamp with time zone,
	"responded_by" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reporting_periods" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reporting_periods_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_code" text NOT NULL,
	"rhythm" "reporting_rhythm" NOT NULL,
	"label" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"due_date" date NOT NULL,
	CONSTRAINT "reporting_periods_dates" CHECK ("end_date" >= "start_date")
);
--> statement-breakpoint
CREATE INDEX "coordination_meetings_region_idx" ON "coordination_meetings" ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "escalations_task_stage_uq" ON "escalations" ("task_id","stage");--> statement-breakpoint
CREATE INDEX "escalations_region_idx" ON "escalations" ("region_code");--> statement-breakpoint
CREATE INDEX "inspection_findings_inspection_idx" ON "inspection_findings" ("inspection_id");--> statement-breakpoint
CREATE INDEX "inspection_findings_region_idx" ON "inspection_findings" ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_findings_task_uq" ON "inspection_findings" ("task_id") WHERE "recheck_passed" is null;--> statement-breakpoint
CREATE INDEX "inspection_inspectors_actor_idx" ON "inspection_inspectors" ("actor");--> statement-breakpoint
CREATE INDEX "inspections_region_idx" ON "inspections" ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_agenda_position_uq" ON "meeting_agenda_items" ("meeting_id","position");--> statement-breakpoint
CREATE INDEX "meeting_decisions_meeting_idx" ON "meeting_decisions" ("meeting_id");--> statement-breakpoint
CREATE UNIQUE INDEX "period_reports_unit_uq" ON "period_reports" ("period_id","region_code");--> statement-breakpoint
CREATE INDEX "rapid_requests_region_idx" ON "rapid_requests" ("region_code");--> statement-breakpoint
CREATE INDEX "rapid_requests_city_idx" ON "rapid_requests" ("city_code");--> statement-breakpoint
CREATE UNIQUE INDEX "reporting_periods_uq" ON "reporting_periods" ("region_code","rhythm","start_date");--> statement-breakpoint
ALTER TABLE "coordination_meetings" ADD CONSTRAINT "coordination_meetings_region_code_regions_code_fkey" FOREIGN KEY ("region_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_task_id_rectification_tasks_id_fkey" FOREIGN KEY ("task_id") REFERENCES "rectification_tasks"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_region_code_regions_code_fkey" FOREIGN KEY ("region_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "inspection_findings" ADD CONSTRAINT "inspection_findings_inspection_id_inspections_id_fkey" FOREIGN KEY ("inspection_id") REFERENCES "inspections"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "inspection_findings" ADD CONSTRAINT "inspection_findings_region_code_regions_code_fkey" FOREIGN KEY ("region_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "inspection_findings" ADD CONSTRAINT "inspection_findings_school_id_schools_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id");--> statement-breakpoint
ALTER TABLE "inspection_findings" ADD CONSTRAINT "inspection_findings_task_id_rectification_tasks_id_fkey" FOREIGN KEY ("task_id") REFERENCES "rectification_tasks"("id");--> statement-breakpoint
ALTER TABLE "inspection_inspectors" ADD CONSTRAINT "inspection_inspectors_inspection_id_inspections_id_fkey" FOREIGN KEY ("inspection_id") REFERENCES "inspections"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "inspection_inspectors" ADD CONSTRAINT "inspection_inspectors_region_code_regions_code_fkey" FOREIGN KEY ("region_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_region_code_regions_code_fkey" FOREIGN KEY ("region_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" ADD CONSTRAINT "meeting_agenda_items_meeting_id_coordination_meetings_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "coordination_meetings"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" ADD CONSTRAINT "meeting_agenda_items_task_id_rectification_tasks_id_fkey" FOREIGN KEY ("task_id") REFERENCES "rectification_tasks"("id");--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" ADD CONSTRAINT "meeting_agenda_items_finding_id_inspection_findings_id_fkey" FOREIGN KEY ("finding_id") REFERENCES "inspection_findings"("id");--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" ADD CONSTRAINT "meeting_agenda_items_rapid_request_id_rapid_requests_id_fkey" FOREIGN KEY ("rapid_request_id") REFERENCES "rapid_requests"("id");--> statement-breakpoint
ALTER TABLE "meeting_decisions" ADD CONSTRAINT "meeting_decisions_meeting_id_coordination_meetings_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "coordination_meetings"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "meeting_decisions" ADD CONSTRAINT "meeting_decisions_task_id_rectification_tasks_id_fkey" FOREIGN KEY ("task_id") REFERENCES "rectification_tasks"("id");--> statement-breakpoint
ALTER TABLE "period_report_tasks" ADD CONSTRAINT "period_report_tasks_report_id_period_reports_id_fkey" FOREIGN KEY ("report_id") REFERENCES "period_reports"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "period_report_tasks" ADD CONSTRAINT "period_report_tasks_task_id_rectification_tasks_id_fkey" FOREIGN KEY ("task_id") REFERENCES "rectification_tasks"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "period_reports" ADD CONSTRAINT "period_reports_period_id_reporting_periods_id_fkey" FOREIGN KEY ("period_id") REFERENCES "reporting_periods"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "period_reports" ADD CONSTRAINT "period_reports_region_code_regions_code_fkey" FOREIGN KEY ("region_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "rapid_requests" ADD CONSTRAINT "rapid_requests_region_code_regions_code_fkey" FOREIGN KEY ("region_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "rapid_requests" ADD CONSTRAINT "rapid_requests_city_code_regions_code_fkey" FOREIGN KEY ("city_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "reporting_periods" ADD CONSTRAINT "reporting_periods_region_code_regions_code_fkey" FOREIGN KEY ("region_code") REFERENCES "regions"("code");