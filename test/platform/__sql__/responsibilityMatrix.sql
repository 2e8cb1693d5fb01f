-- 3 statements

select "d0"."id" as "id", "d0"."region_code" as "regionCode", "d0"."year" as "year", "d0"."sequence" as "sequence", "d0"."title" as "title", "d0"."status" as "status", "d0"."based_on_id" as "basedOnId", "d0"."published_at" as "publishedAt", "d0"."superseded_at" as "supersededAt", "d0"."created_at" as "createdAt", "d0"."updated_at" as "updatedAt" from "responsibility_lists" as "d0" where (("d0"."id" = $1) and ((((("d0"."status" <> 'DRAFT') and (true))) or ((("d0"."status" = 'DRAFT') and ("d0"."region_code" like $2)))))) limit $3;

select "id", "list_id", "key", "domain", "title", "description", "policy_basis", "accountability", "position", "updated_at" from "responsibility_items" where "responsibility_items"."list_id" = any(array(select json_array_elements_text($1::json)::integer)) order by "responsibility_items"."position" asc, "responsibility_items"."id" asc;

select "item_id", "level", "role" from "responsibility_assignments" where "responsibility_assignments"."item_id" = any(array(select json_array_elements_text($1::json)::integer));
