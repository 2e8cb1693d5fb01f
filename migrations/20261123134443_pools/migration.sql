CREATE TYPE "allocation_method" AS ENUM('MANUAL', 'AUTO');--> statement-breakpoint
CREATE TYPE "allocation_status" AS ENUM('ACTIVE', 'RELEASED');--> statement-breakpoint
CREATE TYPE "capacity_unit" AS ENUM('UNITS', 'SEATS', 'HOURS_PER_WEEK', 'ACCESSES');--> statement-breakpoint
CREATE TYPE "offer_visibility" AS ENUM('PUBLISHED', 'INTERNAL');--> statement-breakpoint
CREATE TYPE "pool_kind" AS ENUM('TEACHER_EXCHANGE', 'EQUIPMENT', 'COURSE', 'RESEARCH');--> statement-breakpoint
CREATE TYPE "request_priority" AS ENUM('LOW', 'NORMAL', 'HIGH', 'URGENT');--> statement-breakpoint
CREATE TYPE "request_status" AS ENUM('SUBMITTED', 'PARTIALLY_MATCHED', 'MATCHED', 'FULFILLED', 'REJECTED', 'WITHDRAWN');--> statement-breakpoint
CREATE TYPE "governance_level" AS ENUM('CITY', 'COUNTY', 'SCHOOL');--> statement-breakpoint
CREATE TYPE "rectification_status" AS ENUM('IN_PROGRESS', 'AWAITING_ACCEPTANCE', 'ACCEPTED');--> statement-breakpoint
CREATE TYPE "responsibility_domain" AS ENUM('PLANNING', 'RESOURCES', 'STAFFING', 'ENROLMENT', 'FUNDING', 'CURRICULUM', 'EVALUATION', 'SUPERVISION');--> statement-breakpoint
CREATE TYPE "responsibility_list_status" AS ENUM('DRAFT', 'PUBLISHED', 'SUPERSEDED');--> statement-breakpoint
CREATE TYPE "responsibility_role" AS ENUM('LEAD', 'IMPLEMENT', 'COOPERATE', 'SUPERVISE');--> statement-breakpoint
CREATE TYPE "review_decision" AS ENUM('ACCEPTED', 'REJECTED');--> statement-breakpoint
CREATE TYPE "evaluation_cycle_status" AS ENUM('OPEN', 'COMPUTED', 'CLOSED');--> statement-breakpoint
CREATE TYPE "value_added_band" AS ENUM('ABOVE', 'AVERAGE', 'BELOW', 'SUPPRESSED');--> statement-breakpoint
CREATE TYPE "value_added_method" AS ENUM('OLS_REGION');--> statement-breakpoint
CREATE TYPE "evaluation_dimension" AS ENUM('ACADEMIC', 'HEALTH', 'ARTS', 'LABOUR');--> statement-breakpoint
CREATE TYPE "evaluation_party" AS ENUM('CITY_INSPECTION', 'COUNTY_SELF', 'SOCIAL');--> statement-breakpoint
CREATE TYPE "balance_indicator" AS ENUM('QUALIFIED_TEACHERS', 'BACKBONE_TEACHERS', 'PE_ARTS_TEACHERS', 'TEACHING_SPACE', 'SPORTS_SPACE', 'EQUIPMENT_VALUE', 'MULTIMEDIA_CLASSROOMS');--> statement-breakpoint
CREATE TABLE "pool_resources" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pool_resources_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"pool_id" integer NOT NULL,
	"title" text NOT NULL,
	"subject" text NOT NULL,
	"county_code" text NOT NULL,
	"school_id" integer,
	"capacity" integer NOT NULL,
	"unit" "capacity_unit" NOT NULL,
	"available_from" date NOT NULL,
	"available_to" date NOT NULL,
	"attributes" jsonb DEFAULT '{}' NOT NULL,
	"visibility" "offer_visibility" DEFAULT 'PUBLISHED'::"offer_visibility" NOT NULL,
	"internal_note" text,
	"contact_name" text,
	"contact_phone" text,
	"offered_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pool_resources_capacity_positive" CHECK ("capacity" > 0),
	CONSTRAINT "pool_resources_window" CHECK ("available_to" >= "available_from")
);
--> statement-breakpoint
CREATE TABLE "resource_allocations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "resource_allocations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"request_id" integer NOT NULL,
	"resource_id" integer NOT NULL,
	"request_county_code" text NOT NULL,
	"offer_county_code" text NOT NULL,
	"quantity" integer NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"status" "allocation_status" DEFAULT 'ACTIVE'::"allocation_status" NOT NULL,
	"method" "allocation_method" NOT NULL,
	"reason" text NOT NULL,
	"matched_by" text NOT NULL,
	"matched_at" timestamp with time zone DEFAULT now() NOT NULL,
	"released_by" text,
	"released_at" timestamp with time zone,
	"release_reason" text,
	CONSTRAINT "resource_allocations_quantity_positive" CHECK ("quantity" > 0),
	CONSTRAINT "resource_allocations_period" CHECK ("period_end" >= "period_start")
);
--> statement-breakpoint
CREATE TABLE "resource_pools" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "resource_pools_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL UNIQUE,
	"name" text NOT NULL,
	"kind" "pool_kind" NOT NULL,
	"city_code" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "resource_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"pool_id" integer NOT NULL,
	"county_code" text NOT NULL,
	"school_id" integer,
	"subject" text NOT NULL,
	"specification" text NOT NULL,
	"quantity" integer NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"priority" "request_priority" DEFAULT 'NORMAL'::"request_priority" NOT NULL,
	"reason" text NOT NULL,
	"status" "request_status" DEFAULT 'SUBMITTED'::"request_status" NOT NULL,
	"matched_quantity" integer DEFAULT 0 NOT NULL,
	"needs_new_purchase" boolean DEFAULT false NOT NULL,
	"acknowledged_offer_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"purchase_justification" text,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_by" text,
	"closed_at" timestamp with time zone,
	"close_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resource_requests_quantity_positive" CHECK ("quantity" > 0),
	CONSTRAINT "resource_requests_period" CHECK ("period_end" >= "period_start"),
	CONSTRAINT "resource_requests_matched_range" CHECK ("matched_quantity" between 0 and "quantity")
);
--> statement-breakpoint
CREATE TABLE "rectification_reports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rectification_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"task_id" integer NOT NULL,
	"progress" integer NOT NULL,
	"note" text NOT NULL,
	"evidence" text[] DEFAULT '{}'::text[] NOT NULL,
	"reporter" text NOT NULL,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rectification_reports_progress_range" CHECK ("progress" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "rectification_reviews" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rectification_reviews_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"task_id" integer NOT NULL,
	"decision" "review_decision" NOT NULL,
	"note" text NOT NULL,
	"reviewer" text NOT NULL,
	"reviewer_level" "governance_level" NOT NULL,
	"reviewed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rectification_tasks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rectification_tasks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"item_id" integer NOT NULL,
	"item_key" text NOT NULL,
	"region_code" text NOT NULL,
	"school_id" integer,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"acceptance_standard" text NOT NULL,
	"start_date" date NOT NULL,
	"deadline" date NOT NULL,
	"status" "rectification_status" DEFAULT 'IN_PROGRESS'::"rectification_status" NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"last_reported_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rectification_tasks_progress_range" CHECK ("progress" between 0 and 100),
	CONSTRAINT "rectification_tasks_dates" CHECK ("deadline" >= "start_date")
);
--> statement-breakpoint
CREATE TABLE "responsibility_assignments" (
	"item_id" integer,
	"level" "governance_level",
	"role" "responsibility_role",
	CONSTRAINT "responsibility_assignments_pkey" PRIMARY KEY("item_id","level","role")
);
--> statement-breakpoint
CREATE TABLE "responsibility_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "responsibility_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"list_id" integer NOT NULL,
	"key" text NOT NULL,
	"domain" "responsibility_domain" NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"policy_basis" text DEFAULT '' NOT NULL,
	"accountability" text DEFAULT '' NOT NULL,
	"position" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "responsibility_lists" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "responsibility_lists_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_code" text NOT NULL,
	"year" integer NOT NULL,
	"sequence" integer NOT NULL,
	"title" text NOT NULL,
	"status" "responsibility_list_status" DEFAULT 'DRAFT'::"responsibility_list_status" NOT NULL,
	"based_on_id" integer,
	"published_at" timestamp with time zone,
	"superseded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "responsibility_lists_sequence_pos" CHECK ("sequence" >= 1)
);
--> statement-breakpoint
CREATE TABLE "evaluation_cycles" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "evaluation_cycles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_code" text NOT NULL,
	"year" integer NOT NULL,
	"stage" "school_stage" NOT NULL,
	"name" text NOT NULL,
	"method" "value_added_method" DEFAULT 'OLS_REGION'::"value_added_method" NOT NULL,
	"status" "evaluation_cycle_status" DEFAULT 'OPEN'::"evaluation_cycle_status" NOT NULL,
	"intake_min" double precision NOT NULL,
	"intake_max" double precision NOT NULL,
	"outcome_min" double precision NOT NULL,
	"outcome_max" double precision NOT NULL,
	"framework_id" integer,
	"slope" double precision,
	"intercept" double precision,
	"residual_sd" double precision,
	"student_count" integer,
	"min_cohort" integer,
	"computed_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_cycles_region_year_stage_name" UNIQUE("region_code","year","stage","name"),
	CONSTRAINT "evaluation_cycles_ranges" CHECK ("intake_min" < "intake_max" and "outcome_min" < "outcome_max")
);
--> statement-breakpoint
CREATE TABLE "student_scores" (
	"cycle_id" integer,
	"student_key" text,
	"school_id" integer NOT NULL,
	"county_code" text NOT NULL,
	"cohort" text NOT NULL,
	"intake_score" double precision NOT NULL,
	"outcome_score" double precision NOT NULL,
	CONSTRAINT "student_scores_pkey" PRIMARY KEY("cycle_id","student_key")
);
--> statement-breakpoint
CREATE TABLE "value_added_results" (
	"cycle_id" integer,
	"school_id" integer,
	"county_code" text NOT NULL,
	"cohort_size" integer NOT NULL,
	"band" "value_added_band" NOT NULL,
	"intake_mean" double precision,
	"outcome_mean" double precision,
	"expected_outcome" double precision,
	"value_added" double precision,
	"standard_error" double precision,
	"ci_low" double precision,
	"ci_high" double precision,
	"growth_index" double precision,
	"rank" integer,
	"rank_best" integer,
	"rank_worst" integer,
	CONSTRAINT "value_added_results_pkey" PRIMARY KEY("cycle_id","school_id")
);
--> statement-breakpoint
CREATE TABLE "evaluation_frameworks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "evaluation_frameworks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_code" text NOT NULL,
	"name" text NOT NULL,
	"city_inspection_weight" double precision NOT NULL,
	"county_self_weight" double precision NOT NULL,
	"social_weight" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_frameworks_region_name" UNIQUE("region_code","name"),
	CONSTRAINT "evaluation_frameworks_weights" CHECK ("city_inspection_weight" >= 0 and "county_self_weight" >= 0 and "social_weight" >= 0 and "city_inspection_weight" + "county_self_weight" + "social_weight" > 0)
);
--> statement-breakpoint
CREATE TABLE "evaluation_invitations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "evaluation_invitations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"cycle_id" integer NOT NULL,
	"school_id" integer NOT NULL,
	"county_code" text NOT NULL,
	"party" "evaluation_party" NOT NULL,
	"evaluator" text,
	"evaluator_name" text,
	"submitted_at" timestamp with time zone,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_scores" (
	"invitation_id" integer,
	"indicator_id" integer,
	"score" double precision NOT NULL,
	CONSTRAINT "evaluation_scores_pkey" PRIMARY KEY("invitation_id","indicator_id")
);
--> statement-breakpoint
CREATE TABLE "framework_indicators" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "framework_indicators_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"framework_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"dimension" "evaluation_dimension" NOT NULL,
	"weight" double precision NOT NULL,
	"max_score" double precision NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "framework_indicators_code" UNIQUE("framework_id","code"),
	CONSTRAINT "framework_indicators_positive" CHECK ("weight" > 0 and "max_score" > 0)
);
--> statement-breakpoint
CREATE TABLE "school_indicator_values" (
	"school_id" integer,
	"year" integer,
	"indicator" "balance_indicator",
	"county_code" text NOT NULL,
	"value" double precision NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "school_indicator_values_pkey" PRIMARY KEY("school_id","year","indicator"),
	CONSTRAINT "school_indicator_values_nonneg" CHECK ("value" >= 0)
);
--> statement-breakpoint
CREATE INDEX "pool_resources_pool_subject_idx" ON "pool_resources" ("pool_id","subject");--> statement-breakpoint
CREATE INDEX "pool_resources_county_idx" ON "pool_resources" ("county_code");--> statement-breakpoint
CREATE INDEX "resource_allocations_resource_idx" ON "resource_allocations" ("resource_id","status","period_start");--> statement-breakpoint
CREATE INDEX "resource_allocations_request_idx" ON "resource_allocations" ("request_id");--> statement-breakpoint
CREATE INDEX "resource_pools_city_kind_idx" ON "resource_pools" ("city_code","kind");--> statement-breakpoint
CREATE INDEX "resource_requests_pool_status_idx" ON "resource_requests" ("pool_id","status");--> statement-breakpoint
CREATE INDEX "resource_requests_county_idx" ON "resource_requests" ("county_code");--> statement-breakpoint
CREATE INDEX "rectification_reports_task_idx" ON "rectification_reports" ("task_id");--> statement-breakpoint
CREATE INDEX "rectification_reviews_task_idx" ON "rectification_reviews" ("task_id");--> statement-breakpoint
CREATE INDEX "rectification_tasks_region_idx" ON "rectification_tasks" ("region_code");--> statement-breakpoint
CREATE INDEX "rectification_tasks_item_key_idx" ON "rectification_tasks" ("item_key");--> statement-breakpoint
CREATE INDEX "rectification_tasks_school_idx" ON "rectification_tasks" ("school_id");--> statement-breakpoint
CREATE UNIQUE INDEX "responsibility_items_key_uq" ON "responsibility_items" ("list_id","key");--> statement-breakpoint
CREATE INDEX "responsibility_items_key_idx" ON "responsibility_items" ("key");--> statement-breakpoint
CREATE UNIQUE INDEX "responsibility_lists_version_uq" ON "responsibility_lists" ("region_code","year","sequence");--> statement-breakpoint
CREATE UNIQUE INDEX "responsibility_lists_one_published_uq" ON "responsibility_lists" ("region_code") WHERE "status" = 'PUBLISHED';--> statement-breakpoint
CREATE INDEX "evaluation_cycles_region_idx" ON "evaluation_cycles" ("region_code","year");--> statement-breakpoint
CREATE INDEX "student_scores_school_idx" ON "student_scores" ("cycle_id","school_id");--> statement-breakpoint
CREATE INDEX "value_added_results_school_idx" ON "value_added_results" ("school_id");--> statement-breakpoint
CREATE INDEX "evaluation_invitations_cycle_idx" ON "evaluation_invitations" ("cycle_id","school_id");--> statement-breakpoint
CREATE INDEX "evaluation_invitations_evaluator_idx" ON "evaluation_invitations" ("evaluator");--> statement-breakpoint
CREATE INDEX "school_indicator_values_county_idx" ON "school_indicator_values" ("county_code","year");--> statement-breakpoint
ALTER TABLE "pool_resources" ADD CONSTRAINT "pool_resources_pool_id_resource_pools_id_fkey" FOREIGN KEY ("pool_id") REFERENCES "resource_pools"("id");--> statement-breakpoint
ALTER TABLE "pool_resources" ADD CONSTRAINT "pool_resources_county_code_regions_code_fkey" FOREIGN KEY ("county_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "pool_resources" ADD CONSTRAINT "pool_resources_school_id_schools_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id");--> statement-breakpoint
ALTER TABLE "resource_allocations" ADD CONSTRAINT "resource_allocations_request_id_resource_requests_id_fkey" FOREIGN KEY ("request_id") REFERENCES "resource_requests"("id");--> statement-breakpoint
ALTER TABLE "resource_allocations" ADD CONSTRAINT "resource_allocations_resource_id_pool_resources_id_fkey" FOREIGN KEY ("resource_id") REFERENCES "pool_resources"("id");--> statement-breakpoint
ALTER TABLE "resource_pools" ADD CONSTRAINT "resource_pools_city_code_regions_code_fkey" FOREIGN KEY ("city_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "resource_requests" ADD CONSTRAINT "resource_requests_pool_id_resource_pools_id_fkey" FOREIGN KEY ("pool_id") REFERENCES "resource_pools"("id");--> statement-breakpoint
ALTER TABLE "resource_requests" ADD CONSTRAINT "resource_requests_county_code_regions_code_fkey" FOREIGN KEY ("county_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "resource_requests" ADD CONSTRAINT "resource_requests_school_id_schools_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id");--> statement-breakpoint
ALTER TABLE "rectification_reports" ADD CONSTRAINT "rectification_reports_task_id_rectification_tasks_id_fkey" FOREIGN KEY ("task_id") REFERENCES "rectification_tasks"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "rectification_reviews" ADD CONSTRAINT "rectification_reviews_task_id_rectification_tasks_id_fkey" FOREIGN KEY ("task_id") REFERENCES "rectification_tasks"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "rectification_tasks" ADD CONSTRAINT "rectification_tasks_item_id_responsibility_items_id_fkey" FOREIGN KEY ("item_id") REFERENCES "responsibility_items"("id");--> statement-breakpoint
ALTER TABLE "rectification_tasks" ADD CONSTRAINT "rectification_tasks_region_code_regions_code_fkey" FOREIGN KEY ("region_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "rectification_tasks" ADD CONSTRAINT "rectification_tasks_school_id_schools_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id");--> statement-breakpoint
ALTER TABLE "responsibility_assignments" ADD CONSTRAINT "responsibility_assignments_item_id_responsibility_items_id_fkey" FOREIGN KEY ("item_id") REFERENCES "responsibility_items"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "responsibility_items" ADD CONSTRAINT "responsibility_items_list_id_responsibility_lists_id_fkey" FOREIGN KEY ("list_id") REFERENCES "responsibility_lists"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "responsibility_lists" ADD CONSTRAINT "responsibility_lists_region_code_regions_code_fkey" FOREIGN KEY ("region_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "responsibility_lists" ADD CONSTRAINT "responsibility_lists_based_on_id_responsibility_lists_id_fkey" FOREIGN KEY ("based_on_id") REFERENCES "responsibility_lists"("id");--> statement-breakpoint
ALTER TABLE "evaluation_cycles" ADD CONSTRAINT "evaluation_cycles_region_code_regions_code_fkey" FOREIGN KEY ("region_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "evaluation_cycles" ADD CONSTRAINT "evaluation_cycles_framework_id_evaluation_frameworks_id_fkey" FOREIGN KEY ("framework_id") REFERENCES "evaluation_frameworks"("id");--> statement-breakpoint
ALTER TABLE "student_scores" ADD CONSTRAINT "student_scores_cycle_id_evaluation_cycles_id_fkey" FOREIGN KEY ("cycle_id") REFERENCES "evaluation_cycles"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "student_scores" ADD CONSTRAINT "student_scores_school_id_schools_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id");--> statement-breakpoint
ALTER TABLE "value_added_results" ADD CONSTRAINT "value_added_results_cycle_id_evaluation_cycles_id_fkey" FOREIGN KEY ("cycle_id") REFERENCES "evaluation_cycles"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "value_added_results" ADD CONSTRAINT "value_added_results_school_id_schools_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id");--> statement-breakpoint
ALTER TABLE "evaluation_frameworks" ADD CONSTRAINT "evaluation_frameworks_region_code_regions_code_fkey" FOREIGN KEY ("region_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "evaluation_invitations" ADD CONSTRAINT "evaluation_invitations_cycle_id_evaluation_cycles_id_fkey" FOREIGN KEY ("cycle_id") REFERENCES "evaluation_cycles"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "evaluation_invitations" ADD CONSTRAINT "evaluation_invitations_school_id_schools_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id");--> statement-breakpoint
ALTER TABLE "evaluation_scores" ADD CONSTRAINT "evaluation_scores_invitation_id_evaluation_invitations_id_fkey" FOREIGN KEY ("invitation_id") REFERENCES "evaluation_invitations"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "evaluation_scores" ADD CONSTRAINT "evaluation_scores_indicator_id_framework_indicators_id_fkey" FOREIGN KEY ("indicator_id") REFERENCES "framework_indicators"("id");--> statement-breakpoint
ALTER TABLE "framework_indicators" ADD CONSTRAINT "framework_indicators_framework_id_evaluation_frameworks_id_fkey" FOREIGN KEY ("framework_id") REFERENCES "evaluation_frameworks"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "school_indicator_values" ADD CONSTRAINT "school_indicator_values_school_id_schools_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id");