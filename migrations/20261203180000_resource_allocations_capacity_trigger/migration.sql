-- Capacity invariant of the shared-resource pools (资源共享池), enforced by the database.
-- For any resource and any day, the quantity of its ACTIVE allocations covering that day is at
-- most its capacity; an allocation lies inside the resource's availability window; and the
-- active allocations of a request never exceed the quantity it asked for.
--
-- A statement-level trigger (one check per INSERT/UPDATE statement, however many rows, so bulk
-- auto-matching stays fast) first locks the affected resource and request rows in id order,
-- FOR NO KEY UPDATE: that lock does not conflict with the KEY SHARE locks the foreign keys of
-- concurrent inserts already hold on those rows, so racing inserts queue instead of deadlocking.
-- Concurrent writers to the same resource therefore queue on that lock, and each check statement
-- below takes a fresh snapshot (READ COMMITTED) that includes the rows committed by whoever held
-- the lock before. Refusals carry SQLSTATE EGCAP / EGWIN / EGREQ, which the services map to
-- typed errors (OVER_CAPACITY, VALIDATION).
CREATE OR REPLACE FUNCTION resource_allocations_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  PERFORM 1 FROM pool_resources r WHERE r.id IN (SELECT n.resource_id FROM new_rows n) ORDER BY r.id FOR NO KEY UPDATE;
  PERFORM 1 FROM resource_requests q WHERE q.id IN (SELECT n.request_id FROM new_rows n) ORDER BY q.id FOR NO KEY UPDATE;

  SELECT n.resource_id, n.period_start, n.period_end, r.available_from, r.available_to INTO bad
  FROM new_rows n JOIN pool_resources r ON r.id = n.resource_id
  WHERE n.status = 'ACTIVE' AND (n.period_start < r.available_from OR n.period_end > r.available_to)
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'EGWIN', DETAIL = bad.resource_id::text,
      MESSAGE = format('allocation %s..%s lies outside the availability window %s..%s of resource %s',
        bad.period_start, bad.period_end, bad.available_from, bad.available_to, bad.resource_id);
  END IF;

  -- Fast path: a resource whose active allocations add up to no more than its capacity cannot
  -- be over it on any day. Only the others get the day-by-day check, where the peak inside a
  -- period is reached on some allocation's first day.
  SELECT c.resource_id, c.day, p.load, r.capacity INTO bad
  FROM (
    SELECT t.resource_id FROM (
      SELECT a.resource_id, sum(a.quantity) AS total FROM resource_allocations a
      WHERE a.resource_id IN (SELECT n.resource_id FROM new_rows n WHERE n.status = 'ACTIVE') AND a.status = 'ACTIVE'
      GROUP BY a.resource_id
    ) t JOIN pool_resources r ON r.id = t.resource_id
    WHERE t.total > r.capacity
  ) busy
  JOIN LATERAL (
    SELECT DISTINCT n.resource_id, greatest(a.period_start, n.period_start) AS day
    FROM new_rows n
    JOIN resource_allocations a ON a.resource_id = n.resource_id AND a.status = 'ACTIVE'
      AND a.period_start <= n.period_end AND a.period_end >= n.period_start
    WHERE n.status = 'ACTIVE' AND n.resource_id = busy.resource_id
  ) c ON true
  CROSS JOIN LATERAL (
    SELECT sum(b.quantity) AS load FROM resource_allocations b
    WHERE b.resource_id = c.resource_id AND b.status = 'ACTIVE' AND b.period_start <= c.day AND b.period_end >= c.day
  ) p
  JOIN pool_resources r ON r.id = c.resource_id
  WHERE p.load > r.capacity
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'EGCAP', DETAIL = bad.resource_id::text,
      MESSAGE = format('resource %s would have %s allocated on %s, above its capacity %s',
        bad.resource_id, bad.load, bad.day, bad.capacity);
  END IF;

  SELECT q.id, q.quantity, t.total INTO bad
  FROM (
    SELECT a.request_id, sum(a.quantity) AS total FROM resource_allocations a
    WHERE a.request_id IN (SELECT n.request_id FROM new_rows n) AND a.status = 'ACTIVE'
    GROUP BY a.request_id
  ) t JOIN resource_requests q ON q.id = t.request_id
  WHERE t.total > q.quantity
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'EGREQ', DETAIL = bad.id::text,
      MESSAGE = format('request %s would have %s allocated, above the %s it asked for', bad.id, bad.total, bad.quantity);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER resource_allocations_guard_insert AFTER INSERT ON resource_allocations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION resource_allocations_guard();
--> statement-breakpoint
CREATE TRIGGER resource_allocations_guard_update AFTER UPDATE ON resource_allocations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION resource_allocations_guard();
