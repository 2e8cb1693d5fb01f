DROP INDEX "teachers_county_idx";--> statement-breakpoint
CREATE INDEX "teachers_county_staff_no_idx" ON "teachers" ("county_code","staff_no");