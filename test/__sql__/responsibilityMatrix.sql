-- 3 statements

select "d0"."id" as "id", "d0"."region_code" as "regionCode", "d0"."year" as "year", "d0"."sequence" as "sequence", "d0"."title" as "title", "d0"."status" as "status", "d0"."based_on_id" as "basedOnId", "d0"."published_at" as "publishedAt", "d0"."superseded_at" as "supersededAt", "d0"."created_at" as "createdAt", "d0"."updated_at" as "updatedAt" from "responsibility_lists" as "d0" where (("d0"."id" = $1) and ((((("d0"."status" <> 'DRAFT') and (true))) or ((("d0"."status" = 'DRAFT') and ("d0"."region_code" like $2)))))) limit $3;

select "id", "list_id", "key", "domain", "title", "description", "policy_basis", "accountability", "position", "updated_at" from "responsibility_items" where "responsibility_items"."list_id" in ($1) order by "responsibility_items"."position" asc, "responsibility_items"."id" asc;

select "item_id", "level", "role" from "responsibility_assignments" where "responsibility_assignments"."item_id" in ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33);
