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
ALTER TABLE "exchange_assignments" ADD COLUMN "source_stage_at_proposal" "school_stage";--> statement-breakpoint
ALTER TABLE "exchange_assignments" ADD COLUMN "source_locality_at_proposal" "locality";--> statement-breakpoint
ALTER TABLE "exchange_assignments" ADD COLUMN "target_locality_at_proposal" "locality";--> statement-breakpoint
ALTER TABLE "exchange_assignments" ADD COLUMN "target_weak_at_proposal" boolean;--> statement-breakpoint
ALTER TABLE "exchange_assignments" ADD COLUMN "allocation_id" integer;--> statement-breakpoint
CREATE INDEX "exchange_allocation_idx" ON "exchange_assignments" ("allocation_id");--> statement-breakpoint
CREATE INDEX "exchange_register_county_idx" ON "exchange_register_entries" ("county_code","year");--> statement-breakpoint
ALTER TABLE "exchange_assignments" ADD CONSTRAINT "exchange_assignments_allocation_id_resource_allocations_id_fkey" FOREIGN KEY ("allocation_id") REFERENCES "resource_allocations"("id");--> statement-breakpoint
ALTER TABLE "exchange_register_entries" ADD CONSTRAINT "exchange_register_entries_teacher_id_teachers_id_fkey" FOREIGN KEY ("teacher_id") REFERENCES "teachers"("id");--> statement-breakpoint
ALTER TABLE "exchange_register_entries" ADD CONSTRAINT "exchange_register_entries_school_id_schools_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id");--> statement-breakpoint
ALTER TABLE "exchange_register_entries" ADD CONSTRAINT "exchange_register_entries_county_code_regions_code_fkey" FOREIGN KEY ("county_code") REFERENCES "regions"("code");