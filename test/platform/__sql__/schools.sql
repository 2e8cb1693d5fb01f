-- 2 statements

select "d0"."id" as "id", "d0"."code" as "code", "d0"."name" as "name", "d0"."stage" as "stage", "d0"."locality" as "locality", "d0"."county_code" as "countyCode", "d0"."site_county_code" as "siteCountyCode", "d0"."is_weak" as "isWeak", "d0"."enrolment" as "enrolment", "d0"."staff_count" as "staffCount", "d0"."is_county_high_school" as "isCountyHighSchool", "d0"."status" as "status", "d0"."created_at" as "createdAt", "d0"."updated_at" as "updatedAt", (select count(*) from "teachers" where "d0"."id" = "teachers"."school_id") as "_allTeachers_count" from "schools" as "d0" where "d0"."county_code" = $1 order by "d0"."code" asc limit $2;

select count(*) from "schools" where "schools"."county_code" = $1;
