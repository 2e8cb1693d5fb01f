CREATE TYPE "establishment_request_kind" AS ENUM('REQUEST', 'OFFER');--> statement-breakpoint
CREATE TYPE "establishment_request_status" AS ENUM('SUBMITTED', 'PARTLY_SETTLED', 'SETTLED', 'REJECTED');--> statement-breakpoint
CREATE TYPE "staff_category" AS ENUM('TEACHING', 'ADMINISTRATIVE', 'SUPPORT', 'WORKER');--> statement-breakpoint
CREATE TYPE "funding_payment_kind" AS ENUM('DISBURSEMENT', 'MATCHING');--> statement-breakpoint
CREATE TYPE "funding_programme_kind" AS ENUM('COUNTY_HIGH_SCHOOL_DEVELOPMENT', 'EQUIPMENT_SHARING_CENTRE', 'TEACHER_DEVELOPMENT', 'OTHER');--> statement-breakpoint
CREATE TYPE "funding_source" AS ENUM('PROGRAMME', 'COUNTY_BUDGET', 'DONATION', 'SOCIAL_FUND');--> statement-breakpoint
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
ALTER TABLE "spending_reports" ADD CONSTRAINT "spending_reports_allocation_id_funding_allocations_id_fkey" FOREIGN KEY ("allocation_id") REFERENCES "funding_allocations"("id");