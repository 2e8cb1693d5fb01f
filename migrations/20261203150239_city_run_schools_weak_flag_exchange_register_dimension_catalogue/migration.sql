-- school_city_run_and_weak
ALTER TABLE "schools" ADD COLUMN "site_county_code" text;--> statement-breakpoint
ALTER TABLE "schools" ADD COLUMN "is_weak" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "schools" ADD CONSTRAINT "schools_site_county_code_regions_code_fkey" FOREIGN KEY ("site_county_code") REFERENCES "regions"("code");--> statement-breakpoint
ALTER TABLE "schools" ADD CONSTRAINT "schools_city_run_not_county_high" CHECK (not ("is_county_high_school" and "site_county_code" is not null));--> statement-breakpoint
-- exchange_register_and_snapshots
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
ALTER TABLE "exchange_register_entries" ADD CONSTRAINT "exchange_register_entries_county_code_regions_code_fkey" FOREIGN KEY ("county_code") REFERENCES "regions"("code");--> statement-breakpoint
-- evaluation_dimension_catalogue
CREATE TABLE "evaluation_dimensions" (
	"code" text PRIMARY KEY,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"source" text NOT NULL,
	"parent_code" text,
	"position" integer NOT NULL
);
--> statement-breakpoint
-- The catalogue rows (data, not generated): the five key areas of the national guides, then the reform's four student-development dimensions under 学生发展.
INSERT INTO "evaluation_dimensions" ("code", "name", "description", "source", "parent_code", "position") VALUES
('DIRECTION', '办学方向', '加强党的建设、坚持立德树人、落实教育公平（重点内容：办学方向）', '《义务教育学校办学质量评价指南》《普通高中学校办学质量评价指南》', null, 1),
('CURRICULUM', '课程教学', '落实课程方案、规范教学实施、优化作业管理（重点内容：课程教学）', '《义务教育学校办学质量评价指南》《普通高中学校办学质量评价指南》', null, 2),
('TEACHER_DEVELOPMENT', '教师发展', '加强师德师风建设、重视教师专业成长、激发教师工作活力（重点内容：教师发展）', '《义务教育学校办学质量评价指南》《普通高中学校办学质量评价指南》', null, 3),
('MANAGEMENT', '学校管理', '完善内部治理、建设和谐校园（重点内容：学校管理）', '《义务教育学校办学质量评价指南》《普通高中学校办学质量评价指南》', null, 4),
('STUDENT_DEVELOPMENT', '学生发展', '学生品德、学业、身心、审美、劳动素养的全面发展（重点内容：学生发展）', '《义务教育学校办学质量评价指南》《普通高中学校办学质量评价指南》', null, 5),
('ACADEMIC', '学业水平', '学生发展之学业水平', '深化新时代教育评价改革总体方案', 'STUDENT_DEVELOPMENT', 6),
('HEALTH', '身心健康', '学生发展之身心健康', '深化新时代教育评价改革总体方案', 'STUDENT_DEVELOPMENT', 7),
('ARTS', '艺术素养', '学生发展之艺术素养', '深化新时代教育评价改革总体方案', 'STUDENT_DEVELOPMENT', 8),
('LABOUR', '劳动实践', '学生发展之劳动实践', '深化新时代教育评价改革总体方案', 'STUDENT_DEVELOPMENT', 9);
--> statement-breakpoint
ALTER TABLE "framework_indicators" ALTER COLUMN "dimension" SET DATA TYPE text USING "dimension"::text;--> statement-breakpoint
ALTER TABLE "evaluation_dimensions" ADD CONSTRAINT "evaluation_dimensions_fbHl1Jh5Rl4a_fkey" FOREIGN KEY ("parent_code") REFERENCES "evaluation_dimensions"("code");--> statement-breakpoint
ALTER TABLE "framework_indicators" ADD CONSTRAINT "framework_indicators_dimension_evaluation_dimensions_code_fkey" FOREIGN KEY ("dimension") REFERENCES "evaluation_dimensions"("code");--> statement-breakpoint
DROP TYPE "evaluation_dimension";
