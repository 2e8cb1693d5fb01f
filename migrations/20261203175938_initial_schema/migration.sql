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
CREATE TYPE "evaluation_party" AS ENUM('CITY_INSPECTION', 'COUNTY_SELF', 'SOCIAL');--> statement-breakpoint
CREATE TYPE "balance_indicator" AS ENUM('QUALIFIED_TEACHERS', 'BACKBONE_TEACHERS', 'PE_ARTS_TEACHERS', 'TEACHING_SPACE', 'SPORTS_SPACE', 'EQUIPMENT_VALUE', 'MULTIMEDIA_CLASSROOMS');--> statement-breakpoint
CREATE TYPE "balance_school_kind" AS ENUM('REGULAR', 'TEACHING_POINT', 'SPECIAL_EDUCATION');--> statement-breakpoint
CREATE TYPE "balance_stage" AS ENUM('PRIMARY', 'JUNIOR');--> statement-breakpoint
CREATE TYPE "school_year_status" AS ENUM('OPEN', 'CLOSED', 'MERGED');--> statement-breakpoint
CREATE TYPE "exchange_approval_level" AS ENUM('CITY', 'COUNTY', 'SCHOOL');--> statement-breakpoint
CREATE TYPE "exchange_kind" AS ENUM('ROTATION', 'ITINERANT', 'SUPPORT', 'SHADOWING');--> statement-breakpoint
CREATE TYPE "exchange_status" AS ENUM('PROPOSED', 'APPROVED', 'ACTIVE', 'COMPLETED', 'REJECTED', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "establishment_request_kind" AS ENUM('REQUEST', 'OFFER');--> statement-breakpoint
CREATE TYPE "establishment_request_status" AS ENUM('SUBMITTED', 'PARTLY_SETTLED', 'SETTLED', 'REJECTED');--> statement-breakpoint
CREATE TYPE "staff_category" AS ENUM('TEACHING', 'ADMINISTRATIVE', 'SUPPORT', 'WORKER');--> statement-breakpoint
CREATE TYPE "funding_payment_kind" AS ENUM('DISBURSEMENT', 'MATCHING');--> statement-breakpoint
CREATE TYPE "funding_programme_kind" AS ENUM('COUNTY_HIGH_SCHOOL_DEVELOPMENT', 'EQUIPMENT_SHARING_CENTRE', 'TEACHER_DEVELOPMENT', 'OTHER');--> statement-breakpoint
CREATE TYPE "funding_source" AS ENUM('PROGRAMME', 'COUNTY_BUDGET', 'DONATION', 'SOCIAL_FUND');--> statement-breakpoint
CREATE TYPE "admission_category" AS ENUM('UNIFIED', 'QUOTA', 'SPECIALTY');--> statement-breakpoint
CREATE TYPE "enrolment_plan_status" AS ENUM('DRAFT', 'PUBLISHED', 'SUPERSEDED');--> statement-breakpoint
CREATE TYPE "enrolment_stage" AS ENUM('SENIOR', 'JUNIOR');--> statement-breakpoint
CREATE TYPE "escalation_stage" AS ENUM('LISTED', 'ACCOUNTABILITY');--> statement-breakpoint
CREATE TYPE "finding_severity" AS ENUM('MINOR', 'MAJOR', 'SERIOUS');--> statement-breakpoint
CREATE TYPE "inspection_kind" AS ENUM('SPECIAL', 'SPOT_CHECK', 'FOLLOW_UP');--> statement-breakpoint
CREATE TYPE "inspector_kind" AS ENUM('STAFF', 'THIRD_PARTY', 'OBSERVER');--> statement-breakpoint
CREATE TYPE "meeting_kind" AS ENUM('QUARTERLY_COORDINATION', 'CONSULTATION');--> statement-breakpoint
CREATE TYPE "rapid_request_status" AS ENUM('OPEN', 'ANSWERED');--> statement-breakpoint
CREATE TYPE "reporting_rhythm" AS ENUM('WEEKLY', 'MONTHLY', 'QUARTERLY', 'YEARLY');--> statement-breakpoint
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
	"site_county_code" text,
	"is_weak" boolean DEFAULT false NOT NULL,
	"enrolment" integer DEFAULT 0 NOT NULL,
	"staff_count" integer DEFAULT 0 NOT NULL,
	"is_county_high_school" boolean DEFAULT false NOT NULL,
	"status" "school_status" DEFAULT 'ACTIVE'::"school_status" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schools_code_format" CHECK ("code" ~ '^[0-9]{10}$'),
	CONSTRAINT "schools_enrolment_nonneg" CHECK ("enrolment" >= 0 and "staff_count" >= 0),
	CONSTRAINT "schools_city_run_not_county_high" CHECK (not ("is_county_high_school" and "site_county_code" is not null))
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
CREATE TABLE "region_settings" (
	"region_code" text,
	"key" text,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "region_settings_pkey" PRIMARY KEY("region_code","key")
);
--> statement-breakpoint
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
	"teacher_id" integer,
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
	"position" integer NOT NULL,
	CONSTRAINT "value_added_results_pkey" PRIMARY KEY("cycle_id","school_id")
);
--> statement-breakpoint
CREATE TABLE "evaluation_dimensions" (
	"code" text PRIMARY KEY,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"source" text NOT NULL,
	"parent_code" text,
	"position" integer NOT NULL
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
	"dimension" text NOT NULL,
	"weight" double precision NOT NULL,
	"max_score" double precision NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "framework_indicators_code" UNIQUE("framework_id","code"),
	CONSTRAINT "framework_indicators_positive" CHECK ("weight" > 0 and "max_score" > 0)
);
--> statement-breakpoint
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
CREATE TABLE "school_indicator_values" (
	"school_id" integer,
	"year" integer,
	"stage" "balance_stage",
	"indicator" "balance_indicator",
	"county_code" text NOT NULL,
	"value" double precision NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "school_indicator_values_pkey" PRIMARY KEY("school_id","year","stage","indicator"),
	CONSTRAINT "school_indicator_values_nonneg" CHECK ("value" >= 0)
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
	"source_stage_at_proposal" "school_stage",
	"source_locality_at_proposal" "locality",
	"target_locality_at_proposal" "locality",
	"target_weak_at_proposal" boolean,
	"allocation_id" integer,
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
CREATE TABLE "exchange_register_entries" (
	"year" integer,
	"teacher_id" integer,
	"school_id" integer NOT NULL,
	"county_code" text NOT NULL,
	"school_stage" "school_stage" NOT NULL,
	"years_at_school" integer NOT NULL,
	"backbone_level" "backbone_level" NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_register_entries_pkey" PRIMARY KEY("year","teacher_id")
);
--> statement-breakpoint
CREATE TABLE "establishment_holdings" (
	"holder_code" text,
	"category" "staff_category",
	"approved" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "establishment_holdings_pkey" PRIMARY KEY("holder_code","category"),
	CONSTRAINT "establishment_holdings_nonneg" CHECK ("approved" >= 0)
);
--> statement-breakpoint
CREATE TABLE "establishment_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "establishment_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"county_code" text NOT NULL,
	"kind" "establishment_request_kind" NOT NULL,
	"category" "staff_category" NOT NULL,
	"quantity" integer NOT NULL,
	"settled_quantity" integer DEFAULT 0 NOT NULL,
	"reason" text NOT NULL,
	"status" "establishment_request_status" DEFAULT 'SUBMITTED'::"establishment_request_status" NOT NULL,
	"requested_by" text NOT NULL,
	"decision_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "establishment_requests_quantity" CHECK ("quantity" > 0 and "settled_quantity" between 0 and "quantity")
);
--> statement-breakpoint
CREATE TABLE "establishment_transfers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "establishment_transfers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"city_code" text NOT NULL,
	"from_code" text NOT NULL,
	"to_code" text NOT NULL,
	"category" "staff_category" NOT NULL,
	"quantity" integer NOT NULL,
	"request_id" integer,
	"offer_id" integer,
	"reason" text NOT NULL,
	"approved_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "establishment_transfers_quantity" CHECK ("quantity" > 0 and "from_code" <> "to_code")
);
--> statement-breakpoint
CREATE TABLE "school_establishments" (
	"school_id" integer,
	"county_code" text NOT NULL,
	"category" "staff_category",
	"subject" text DEFAULT '',
	"approved" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "school_establishments_pkey" PRIMARY KEY("school_id","category","subject"),
	CONSTRAINT "school_establishments_nonneg" CHECK ("approved" >= 0)
);
--> statement-breakpoint
CREATE TABLE "county_education_budgets" (
	"county_code" text,
	"year" integer,
	"amount_fen" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "county_education_budgets_pkey" PRIMARY KEY("county_code","year"),
	CONSTRAINT "county_education_budgets_amount" CHECK ("amount_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "funding_allocations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "funding_allocations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"programme_id" integer NOT NULL,
	"county_code" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"priority_weight" text NOT NULL,
	"reason" text NOT NULL,
	"allocated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_allocations_programme_county" UNIQUE("programme_id","county_code"),
	CONSTRAINT "funding_allocations_amount" CHECK ("amount_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "funding_payments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "funding_payments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"allocation_id" integer NOT NULL,
	"county_code" text NOT NULL,
	"kind" "funding_payment_kind" NOT NULL,
	"amount_fen" bigint NOT NULL,
	"paid_on" date NOT NULL,
	"evidence_url" text NOT NULL,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_payments_amount" CHECK ("amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "funding_programmes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "funding_programmes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL UNIQUE,
	"city_code" text NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"kind" "funding_programme_kind" NOT NULL,
	"total_fen" bigint NOT NULL,
	"matching_ratio_bp" integer NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_programmes_amounts" CHECK ("total_fen" > 0 and "matching_ratio_bp" between 0 and 100000)
);
--> statement-breakpoint
CREATE TABLE "spending_reports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "spending_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL UNIQUE,
	"county_code" text NOT NULL,
	"school_id" integer,
	"year" integer NOT NULL,
	"source" "funding_source" NOT NULL,
	"allocation_id" integer,
	"amount_fen" bigint NOT NULL,
	"purpose" text NOT NULL,
	"evidence_url" text NOT NULL,
	"spent_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "spending_reports_amount" CHECK ("amount_fen" > 0),
	CONSTRAINT "spending_reports_programme" CHECK (("source" = 'PROGRAMME') = ("allocation_id" is not null))
);
--> statement-breakpoint
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
CREATE INDEX "consortia_region_idx" ON "consortia" ("region_code");--> statement-breakpoint
CREATE INDEX "consortium_members_school_idx" ON "consortium_members" ("school_id");--> statement-breakpoint
CREATE INDEX "regions_parent_idx" ON "regions" ("parent_code");--> statement-breakpoint
CREATE INDEX "schools_county_name_idx" ON "schools" ("county_code","name");--> statement-breakpoint
CREATE INDEX "schools_county_code_idx" ON "schools" ("county_code","code");--> statement-breakpoint
CREATE INDEX "schools_name_idx" ON "schools" ("name");--> statement-breakpoint
CREATE INDEX "schools_name_trgm_idx" ON "schools" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "teachers_school_name_id_idx" ON "teachers" ("school_id","name","id");--> statement-breakpoint
CREATE INDEX "teachers_county_idx" ON "teachers" ("county_code");--> statement-breakpoint
CREATE INDEX "teachers_name_trgm_idx" ON "teachers" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "api_keys_created_idx" ON "api_keys" ("created_at");--> statement-breakpoint
CREATE INDEX "audit_events_feed_idx" ON "audit_events" ("txid","id");--> statement-breakpoint
CREATE INDEX "audit_events_entity_idx" ON "audit_events" ("entity_type","entity_key");--> statement-breakpoint
CREATE INDEX "personal_data_reads_time_idx" ON "personal_data_reads" ("occurred_at");--> statement-breakpoint
CREATE INDEX "region_settings_key_idx" ON "region_settings" ("key");--> statement-breakpoint
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
CREATE INDEX "rectification_tasks_deadline_idx" ON "rectification_tasks" ("deadline","id");--> statement-breakpoint
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
CREATE INDEX "school_year_facts_county_idx" ON "school_year_facts" ("county_code","year","stage");--> statement-breakpoint
CREATE INDEX "exchange_teacher_idx" ON "exchange_assignments" ("teacher_id","start_date");--> statement-breakpoint
CREATE INDEX "exchange_active_teacher_idx" ON "exchange_assignments" ("teacher_id") WHERE "status" = 'ACTIVE';--> statement-breakpoint
CREATE INDEX "exchange_source_school_idx" ON "exchange_assignments" ("source_school_id");--> statement-breakpoint
CREATE INDEX "exchange_target_school_idx" ON "exchange_assignments" ("target_school_id");--> statement-breakpoint
CREATE INDEX "exchange_source_county_idx" ON "exchange_assignments" ("source_county_code","start_date");--> statement-breakpoint
CREATE INDEX "exchange_target_county_idx" ON "exchange_assignments" ("target_county_code");--> statement-breakpoint
CREATE INDEX "exchange_allocation_idx" ON "exchange_assignments" ("allocation_id");--> statement-breakpoint
CREATE INDEX "exchange_register_county_idx" ON "exchange_register_entries" ("county_code","year");--> statement-breakpoint
CREATE INDEX "establishment_requests_county_idx" ON "establishment_requests" ("county_code","id");--> statement-breakpoint
CREATE INDEX "establishment_transfers_city_idx" ON "establishment_transfers" ("city_code","id");--> statement-breakpoint
CREATE INDEX "establishment_transfers_from_idx" ON "establishment_transfers" ("from_code");--> statement-breakpoint
CREATE INDEX "establishment_transfers_to_idx" ON "establishment_transfers" ("to_code");--> statement-breakpoint
CREATE INDEX "school_establishments_county_idx" ON "school_establishments" ("county_code","category");--> statement-breakpoint
CREATE INDEX "funding_allocations_county_idx" ON "funding_allocations" ("county_code");--> statement-breakpoint
CREATE INDEX "funding_payments_allocation_idx" ON "funding_payments" ("allocation_id","kind");--> statement-breakpoint
CREATE INDEX "funding_programmes_city_idx" ON "funding_programmes" ("city_code","year");--> statement-breakpoint
CREATE INDEX "spending_reports_county_year_idx" ON "spending_reports" ("county_code","year");--> statement-breakpoint
CREATE INDEX "spending_reports_school_idx" ON "spending_reports" ("school_id","year");--> statement-breakpoint
CREATE INDEX "spending_reports_allocation_idx" ON "spending_reports" ("allocation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "enrolment_admissions_key_uq" ON "enrolment_admissions" ("year","stage","school_code","source_junior_school_code","category");--> statement-breakpoint
CREATE INDEX "enrolment_admissions_school_idx" ON "enrolment_admissions" ("school_id","year");--> statement-breakpoint
CREATE INDEX "enrolment_admissions_county_idx" ON "enrolment_admissions" ("county_code");--> statement-breakpoint
CREATE UNIQUE INDEX "enrolment_plans_version_uq" ON "enrolment_plans" ("region_code","year","stage","sequence");--> statement-breakpoint
CREATE UNIQUE INDEX "enrolment_plans_one_published_uq" ON "enrolment_plans" ("region_code","year","stage") WHERE "status" = 'PUBLISHED';--> statement-breakpoint
CREATE UNIQUE INDEX "enrolment_plans_one_draft_uq" ON "enrolment_plans" ("region_code","year","stage") WHERE "status" = 'DRAFT';--> statement-breakpoint
CREATE UNIQUE INDEX "enrolment_school_plans_uq" ON "enrolment_school_plans" ("plan_id","school_id");--> statement-breakpoint
CREATE INDEX "enrolment_school_plans_school_idx" ON "enrolment_school_plans" ("school_id");--> statement-breakpoint
CREATE UNIQUE INDEX "quota_allocations_uq" ON "quota_allocations" ("school_plan_id","junior_school_id");--> statement-breakpoint
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
ALTER TABLE "consortia" ADD CONSTRAINT "consortia_region_code_regions_code_fkey" FOREIGN KEY ("region_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "consortia" ADD CONSTRAINT "consortia_lead_school_id_schools_id_fkey" FOREIGN KEY ("lead_school_id") REFERENCES "schools"("id");--> statement-breakpoint
ALTER TABLE "consortium_members" ADD CONSTRAINT "consortium_members_consortium_id_consortia_id_fkey" FOREIGN KEY ("consortium_id") REFERENCES "consortia"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "consortium_members" ADD CONSTRAINT "consortium_members_school_id_schools_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id");--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "regions_parent_code_regions_code_fkey" FOREIGN KEY ("parent_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "schools" ADD CONSTRAINT "schools_county_code_regions_code_fkey" FOREIGN KEY ("county_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "schools" ADD CONSTRAINT "schools_site_county_code_regions_code_fkey" FOREIGN KEY ("site_county_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "teachers" ADD CONSTRAINT "teachers_school_id_schools_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id");--> statement-breakpoint
ALTER TABLE "teachers" ADD CONSTRAINT "teachers_county_code_regions_code_fkey" FOREIGN KEY ("county_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "region_settings" ADD CONSTRAINT "region_settings_region_code_regions_code_fkey" FOREIGN KEY ("region_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "pool_resources" ADD CONSTRAINT "pool_resources_pool_id_resource_pools_id_fkey" FOREIGN KEY ("pool_id") REFERENCES "resource_pools"("id");--> statement-breakpoint
ALTER TABLE "pool_resources" ADD CONSTRAINT "pool_resources_county_code_regions_code_fkey" FOREIGN KEY ("county_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "pool_resources" ADD CONSTRAINT "pool_resources_school_id_schools_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id");--> statement-breakpoint
ALTER TABLE "pool_resources" ADD CONSTRAINT "pool_resources_teacher_id_teachers_id_fkey" FOREIGN KEY ("teacher_id") REFERENCES "teachers"("id");--> statement-breakpoint
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
ALTER TABLE "evaluation_dimensions" ADD CONSTRAINT "evaluation_dimensions_fbHl1Jh5Rl4a_fkey" FOREIGN KEY ("parent_code") REFERENCES "evaluation_dimensions"("code");--> statement-breakpoint
ALTER TABLE "evaluation_frameworks" ADD CONSTRAINT "evaluation_frameworks_region_code_regions_code_fkey" FOREIGN KEY ("region_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "evaluation_invitations" ADD CONSTRAINT "evaluation_invitations_cycle_id_evaluation_cycles_id_fkey" FOREIGN KEY ("cycle_id") REFERENCES "evaluation_cycles"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "evaluation_invitations" ADD CONSTRAINT "evaluation_invitations_school_id_schools_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id");--> statement-breakpoint
ALTER TABLE "evaluation_scores" ADD CONSTRAINT "evaluation_scores_invitation_id_evaluation_invitations_id_fkey" FOREIGN KEY ("invitation_id") REFERENCES "evaluation_invitations"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "evaluation_scores" ADD CONSTRAINT "evaluation_scores_indicator_id_framework_indicators_id_fkey" FOREIGN KEY ("indicator_id") REFERENCES "framework_indicators"("id");--> statement-breakpoint
ALTER TABLE "framework_indicators" ADD CONSTRAINT "framework_indicators_framework_id_evaluation_frameworks_id_fkey" FOREIGN KEY ("framework_id") REFERENCES "evaluation_frameworks"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "framework_indicators" ADD CONSTRAINT "framework_indicators_dimension_evaluation_dimensions_code_fkey" FOREIGN KEY ("dimension") REFERENCES "evaluation_dimensions"("code");--> statement-breakpoint
ALTER TABLE "school_indicator_values" ADD CONSTRAINT "school_indicator_values_school_id_schools_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id");--> statement-breakpoint
ALTER TABLE "school_year_facts" ADD CONSTRAINT "school_year_facts_school_id_schools_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id");--> statement-breakpoint
ALTER TABLE "exchange_assignments" ADD CONSTRAINT "exchange_assignments_teacher_id_teachers_id_fkey" FOREIGN KEY ("teacher_id") REFERENCES "teachers"("id");--> statement-breakpoint
ALTER TABLE "exchange_assignments" ADD CONSTRAINT "exchange_assignments_source_school_id_schools_id_fkey" FOREIGN KEY ("source_school_id") REFERENCES "schools"("id");--> statement-breakpoint
ALTER TABLE "exchange_assignments" ADD CONSTRAINT "exchange_assignments_source_county_code_regions_code_fkey" FOREIGN KEY ("source_county_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "exchange_assignments" ADD CONSTRAINT "exchange_assignments_target_school_id_schools_id_fkey" FOREIGN KEY ("target_school_id") REFERENCES "schools"("id");--> statement-breakpoint
ALTER TABLE "exchange_assignments" ADD CONSTRAINT "exchange_assignments_target_county_code_regions_code_fkey" FOREIGN KEY ("target_county_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "exchange_assignments" ADD CONSTRAINT "exchange_assignments_allocation_id_resource_allocations_id_fkey" FOREIGN KEY ("allocation_id") REFERENCES "resource_allocations"("id");--> statement-breakpoint
ALTER TABLE "exchange_register_entries" ADD CONSTRAINT "exchange_register_entries_teacher_id_teachers_id_fkey" FOREIGN KEY ("teacher_id") REFERENCES "teachers"("id");--> statement-breakpoint
ALTER TABLE "exchange_register_entries" ADD CONSTRAINT "exchange_register_entries_school_id_schools_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id");--> statement-breakpoint
ALTER TABLE "exchange_register_entries" ADD CONSTRAINT "exchange_register_entries_county_code_regions_code_fkey" FOREIGN KEY ("county_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "establishment_holdings" ADD CONSTRAINT "establishment_holdings_holder_code_regions_code_fkey" FOREIGN KEY ("holder_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "establishment_requests" ADD CONSTRAINT "establishment_requests_county_code_regions_code_fkey" FOREIGN KEY ("county_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "establishment_transfers" ADD CONSTRAINT "establishment_transfers_city_code_regions_code_fkey" FOREIGN KEY ("city_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "establishment_transfers" ADD CONSTRAINT "establishment_transfers_from_code_regions_code_fkey" FOREIGN KEY ("from_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "establishment_transfers" ADD CONSTRAINT "establishment_transfers_to_code_regions_code_fkey" FOREIGN KEY ("to_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "establishment_transfers" ADD CONSTRAINT "establishment_transfers_VGJgeqKYSyoF_fkey" FOREIGN KEY ("request_id") REFERENCES "establishment_requests"("id");--> statement-breakpoint
ALTER TABLE "establishment_transfers" ADD CONSTRAINT "establishment_transfers_offer_id_establishment_requests_id_fkey" FOREIGN KEY ("offer_id") REFERENCES "establishment_requests"("id");--> statement-breakpoint
ALTER TABLE "school_establishments" ADD CONSTRAINT "school_establishments_school_id_schools_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id");--> statement-breakpoint
ALTER TABLE "school_establishments" ADD CONSTRAINT "school_establishments_county_code_regions_code_fkey" FOREIGN KEY ("county_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "county_education_budgets" ADD CONSTRAINT "county_education_budgets_county_code_regions_code_fkey" FOREIGN KEY ("county_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "funding_allocations" ADD CONSTRAINT "funding_allocations_programme_id_funding_programmes_id_fkey" FOREIGN KEY ("programme_id") REFERENCES "funding_programmes"("id");--> statement-breakpoint
ALTER TABLE "funding_allocations" ADD CONSTRAINT "funding_allocations_county_code_regions_code_fkey" FOREIGN KEY ("county_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "funding_payments" ADD CONSTRAINT "funding_payments_allocation_id_funding_allocations_id_fkey" FOREIGN KEY ("allocation_id") REFERENCES "funding_allocations"("id");--> statement-breakpoint
ALTER TABLE "funding_payments" ADD CONSTRAINT "funding_payments_county_code_regions_code_fkey" FOREIGN KEY ("county_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "funding_programmes" ADD CONSTRAINT "funding_programmes_city_code_regions_code_fkey" FOREIGN KEY ("city_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "spending_reports" ADD CONSTRAINT "spending_reports_county_code_regions_code_fkey" FOREIGN KEY ("county_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "spending_reports" ADD CONSTRAINT "spending_reports_school_id_schools_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id");--> statement-breakpoint
ALTER TABLE "spending_reports" ADD CONSTRAINT "spending_reports_allocation_id_funding_allocations_id_fkey" FOREIGN KEY ("allocation_id") REFERENCES "funding_allocations"("id");--> statement-breakpoint
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
ALTER TABLE "quota_allocations" ADD CONSTRAINT "quota_allocations_junior_school_id_schools_id_fkey" FOREIGN KEY ("junior_school_id") REFERENCES "schools"("id");--> statement-breakpoint
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