DROP INDEX "teachers_school_name_idx";--> statement-breakpoint
CREATE INDEX "schools_county_code_idx" ON "schools" ("county_code","code");--> statement-breakpoint
CREATE INDEX "teachers_school_name_id_idx" ON "teachers" ("school_id","name","id");