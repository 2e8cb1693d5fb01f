CREATE TABLE "region_settings" (
	"region_code" text,
	"key" text,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "region_settings_pkey" PRIMARY KEY("region_code","key")
);
--> statement-breakpoint
CREATE INDEX "region_settings_key_idx" ON "region_settings" ("key");--> statement-breakpoint
ALTER TABLE "region_settings" ADD CONSTRAINT "region_settings_region_code_regions_code_fkey" FOREIGN KEY ("region_code") REFERENCES "regions"("code");