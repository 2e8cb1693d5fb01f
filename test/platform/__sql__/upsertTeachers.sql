-- 3 statements

select "id", "staff_no", "name", "gender", "school_id", "county_code", "subjects", "title", "backbone_level", "years_at_school", "qualification", "id_number", "phone", "created_at", "updated_at" from "teachers" where "teachers"."staff_no" = any(array(select json_array_elements_text($1::json)::text)) for update;

select "id", "code", "county_code" from "schools" where "schools"."code" = any(array(select json_array_elements_text($1::json)::text));

with "changes" as (select * from rows from (jsonb_to_recordset($1::jsonb)
    as ("action" text, "entityType" text, "entityKey" text, "regionCode" text, "before" jsonb, "after" jsonb, "fromRegionCode" text)) with ordinality
    as x(action, entity_type, entity_key, region_code, before, after, from_region_code, n)), "written" as (insert into "teachers" ("staff_no", "name", "gender", "school_id", "county_code", "subjects", "title", "backbone_level", "years_at_school", "qualification", "id_number", "phone") select r."staffNo", r."name", r."gender", r."schoolId", r."countyCode", r."subjects", r."title", r."backboneLevel", r."yearsAtSchool", r."qualification", r."idNumber", r."phone" from changes, jsonb_to_record(changes.after) as r("staffNo" text, "name" text, "gender" gender, "schoolId" integer, "countyCode" text, "subjects" text[], "title" professional_title, "backboneLevel" backbone_level, "yearsAtSchool" integer, "qualification" qualification, "idNumber" text, "phone" text) order by r."staffNo" on conflict ("staff_no") do update set "name" = excluded."name", "gender" = excluded."gender", "school_id" = excluded."school_id", "county_code" = excluded."county_code", "subjects" = excluded."subjects", "title" = excluded."title", "backbone_level" = excluded."backbone_level", "years_at_school" = excluded."years_at_school", "qualification" = excluded."qualification", "id_number" = excluded."id_number", "phone" = excluded."phone", "updated_at" = now() where ("teachers"."staff_no") in (select (k->>0)::text from json_array_elements($2::json) k) returning "id", "staff_no", "created_at", "updated_at"), "audited" as (insert into audit_events (actor, actor_role, request_id, action, entity_type, entity_key, region_code, before, after)
    select $3, $4, $5, e.action, x.entity_type, x.entity_key, e.region_code, e.before, e.after
    from (select c.* from changes c where exists (select from written w where w."staff_no" = (c.after->>$6)::text)) x
    cross join lateral (values (0, 'LEAVE', x.from_region_code, null::jsonb, null::jsonb), (1, x.action, x.region_code, x.before, x.after))
      as e(step, action, region_code, before, after)
    where e.step = 1 or x.from_region_code <> x.region_code
    order by x.n, e.step) select "id", "staff_no", "created_at", "updated_at" from "written";
