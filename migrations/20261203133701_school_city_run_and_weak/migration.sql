ALTER TABLE "schools" ADD COLUMN "site_county_code" text;--> statement-breakpoint
ALTER TABLE "schools" ADD COLUMN "is_weak" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "schools" ADD CONSTRAINT "schools_site_county_code_regions_code_fkey" FOREIGN KEY ("site_county_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "schools" ADD CONSTRAINT "schools_city_run_not_county_high" CHECK (not ("is_county_high_school" and "site_county_code" is not null));