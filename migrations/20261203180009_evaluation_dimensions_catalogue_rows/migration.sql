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
