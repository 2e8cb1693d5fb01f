-- One teacher never holds two overlapping ROTATION/SUPPORT postings (交流轮岗/支教), enforced by
-- the database so concurrent proposals cannot both succeed. Only live assignments block:
-- rejected, cancelled and completed ones leave the dates free. Date ranges are inclusive.
-- btree_gist (created with the extensions) supplies the gist operator class for "teacher_id with =".
ALTER TABLE "exchange_assignments" ADD CONSTRAINT "exchange_assignments_no_overlap"
  EXCLUDE USING gist ("teacher_id" WITH =, daterange("start_date", "end_date", '[]') WITH &&)
  WHERE ("kind" IN ('ROTATION', 'SUPPORT') AND "status" IN ('PROPOSED', 'APPROVED', 'ACTIVE'));
