-- Two patterns that forced row-level security makes hard (issue 6):
--   * the transactional outbox, whose relay must claim events of every tenant
--     (docs/adr/0009-outbox.md);
--   * German full-text search that uses a GIN index although `@@` is not leakproof
--     (docs/adr/0010-full-text-search-under-rls.md).
--
-- Both tables are tenant tables like every other (ENABLE + FORCE RLS, policy tenant_isolation).
-- Cross-tenant work happens only inside SECURITY DEFINER functions owned by the role that runs
-- this migration (the owner). FORCE RLS filters the owner too, so each table gets one extra
-- policy `TO CURRENT_USER` (= the owner, resolved now) that is as narrow as the pattern allows;
-- the application role gains no cross-tenant read of either table.

-- btree_gin lets one GIN index hold (tenant_id, search_vector): a tenant's query reads only that
-- tenant's posting lists. Trusted extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- ---------------------------------------------------------------------------------------------
-- Outbox
-- ---------------------------------------------------------------------------------------------

CREATE TABLE "outbox_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "topic" VARCHAR(100) NOT NULL,
    "payload" JSONB NOT NULL,
    "actor_issuer" VARCHAR(500),
    "actor_subject" VARCHAR(255),
    "actor_name" VARCHAR(200),
    "acting_role" VARCHAR(50),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "available_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimed_at" TIMESTAMPTZ(3),
    "claimed_by" VARCHAR(200),
    "lease_until" TIMESTAMPTZ(3),
    "processed_at" TIMESTAMPTZ(3),
    "dead_at" TIMESTAMPTZ(3),
    "last_error" VARCHAR(2000),

    CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "outbox_events_tenant_id_id_key" ON "outbox_events"("tenant_id", "id");
CREATE INDEX "outbox_events_tenant_id_created_at_idx" ON "outbox_events"("tenant_id", "created_at");
-- The relay's queue: only events still to do, in the order they became due.
CREATE INDEX "outbox_events_available_at_id_idx" ON "outbox_events"("available_at", "id") WHERE "processed_at" IS NULL AND "dead_at" IS NULL;

ALTER TABLE "outbox_events" ADD CONSTRAINT "outbox_events_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "outbox_events" ADD CONSTRAINT "outbox_events_topic_check" CHECK ("topic" ~ '^[a-z][a-z0-9]*([._-][a-z0-9]+)*$');
-- Events carry references (ids, versions), not documents: the handler reads the current data
-- in the tenant's context. The cap keeps a careless writer from filling the queue.
ALTER TABLE "outbox_events" ADD CONSTRAINT "outbox_events_payload_check" CHECK (octet_length("payload"::text) <= 65536);
ALTER TABLE "outbox_events" ADD CONSTRAINT "outbox_events_attempts_check" CHECK ("attempts" >= 0);
ALTER TABLE "outbox_events" ADD CONSTRAINT "outbox_events_claim_check" CHECK (("claimed_by" IS NULL) = ("lease_until" IS NULL));
ALTER TABLE "outbox_events" ADD CONSTRAINT "outbox_events_done_check" CHECK ("processed_at" IS NULL OR "dead_at" IS NULL);

ALTER TABLE "outbox_events" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "outbox_events" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "outbox_events"
  USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());
-- The relay functions below run as the owner and switch app.outbox_relay on for their own
-- statements only (set_config … is_local, switched off again before they return; on an error
-- the setting rolls back with the (sub)transaction). Only then, and only for the owner, are all
-- tenants' events visible: an owner session outside those functions (migrations, seeds) stays
-- tenant-scoped, and the application role setting the flag itself gains nothing because these
-- policies do not apply to it. (A function-level `SET app.outbox_relay` would be neater but
-- needs a superuser's GRANT SET ON PARAMETER since PostgreSQL 15.)
CREATE POLICY "outbox_relay_read" ON "outbox_events" FOR SELECT TO CURRENT_USER
  USING (current_setting('app.outbox_relay', true) = 'on');
CREATE POLICY "outbox_relay_update" ON "outbox_events" FOR UPDATE TO CURRENT_USER
  USING (current_setting('app.outbox_relay', true) = 'on') WITH CHECK (current_setting('app.outbox_relay', true) = 'on');
CREATE POLICY "outbox_relay_delete" ON "outbox_events" FOR DELETE TO CURRENT_USER
  USING (current_setting('app.outbox_relay', true) = 'on');

-- Writers append inside their tenant transaction and may read their own tenant's events;
-- every state change after that goes through the relay functions.
GRANT SELECT, INSERT ON "outbox_events" TO ratsinfo_app;

-- Claims up to p_limit due events of any tenant for p_lease. SKIP LOCKED: concurrent relays
-- never wait for, nor take, each other's rows; an event whose lease expired (a relay crashed)
-- is due again. Each claim counts as an attempt, so an event that crashes every relay ends up
-- dead instead of looping forever.
CREATE FUNCTION outbox_claim(p_limit integer, p_claimer text, p_lease interval)
  RETURNS TABLE (id uuid, tenant_id uuid, topic text, payload jsonb, actor_issuer text, actor_subject text, actor_name text,
                 acting_role text, created_at timestamptz, attempts integer, lease_until timestamptz)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp
AS $$
#variable_conflict use_column
BEGIN
  IF p_limit IS NULL OR p_limit NOT BETWEEN 1 AND 1000 THEN
    RAISE EXCEPTION 'outbox_claim: p_limit must be between 1 and 1000' USING ERRCODE = '22023';
  END IF;
  IF p_claimer IS NULL OR length(p_claimer) NOT BETWEEN 1 AND 200 THEN
    RAISE EXCEPTION 'outbox_claim: p_claimer must be 1 to 200 characters' USING ERRCODE = '22023';
  END IF;
  IF p_lease IS NULL OR p_lease < interval '1 second' OR p_lease > interval '1 hour' THEN
    RAISE EXCEPTION 'outbox_claim: p_lease must be between 1 second and 1 hour' USING ERRCODE = '22023';
  END IF;
  PERFORM set_config('app.outbox_relay', 'on', true);
  RETURN QUERY
  WITH due AS (
    SELECT e.id FROM outbox_events e
     WHERE e.processed_at IS NULL AND e.dead_at IS NULL AND e.available_at <= now()
       AND (e.lease_until IS NULL OR e.lease_until <= now())
     ORDER BY e.available_at, e.id
     LIMIT p_limit
     FOR UPDATE SKIP LOCKED
  )
  UPDATE outbox_events e
     SET claimed_at = now(), claimed_by = p_claimer, lease_until = now() + p_lease, attempts = e.attempts + 1
    FROM due WHERE e.id = due.id
  RETURNING e.id, e.tenant_id, e.topic::text, e.payload, e.actor_issuer::text, e.actor_subject::text, e.actor_name::text,
            e.acting_role::text, e.created_at, e.attempts, e.lease_until;
  PERFORM set_config('app.outbox_relay', 'off', true);
END $$;

-- Marks an event done. False when the caller no longer holds it (another relay reclaimed it
-- after the lease expired, or it is already done): the caller's work was then a duplicate,
-- which handlers tolerate by being idempotent (at-least-once delivery).
CREATE FUNCTION outbox_complete(p_id uuid, p_claimer text)
  RETURNS boolean
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  n integer;
BEGIN
  PERFORM set_config('app.outbox_relay', 'on', true);
  UPDATE outbox_events SET processed_at = now(), claimed_by = NULL, lease_until = NULL, last_error = NULL
   WHERE id = p_id AND claimed_by = p_claimer AND processed_at IS NULL AND dead_at IS NULL;
  GET DIAGNOSTICS n = ROW_COUNT;
  PERFORM set_config('app.outbox_relay', 'off', true);
  RETURN n = 1;
END $$;

-- Records a failed attempt and schedules the next one with exponential backoff (10 s, 20 s,
-- 40 s, … at most 1 h). After p_max_attempts attempts the event is dead: kept for operators,
-- never claimed again. No row when the caller no longer holds the event.
CREATE FUNCTION outbox_fail(p_id uuid, p_claimer text, p_error text, p_max_attempts integer DEFAULT 10)
  RETURNS TABLE (attempts integer, next_attempt_at timestamptz, dead boolean)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp
AS $$
#variable_conflict use_column
BEGIN
  PERFORM set_config('app.outbox_relay', 'on', true);
  RETURN QUERY
  UPDATE outbox_events e
     SET claimed_by = NULL, lease_until = NULL,
         last_error = left(coalesce(p_error, 'unknown error'), 2000),
         dead_at = CASE WHEN e.attempts >= greatest(p_max_attempts, 1) THEN now() END,
         available_at = CASE WHEN e.attempts >= greatest(p_max_attempts, 1) THEN e.available_at
                             ELSE now() + least(interval '10 seconds' * power(2, least(e.attempts - 1, 20)), interval '1 hour') END
   WHERE e.id = p_id AND e.claimed_by = p_claimer AND e.processed_at IS NULL AND e.dead_at IS NULL
  RETURNING e.attempts, CASE WHEN e.dead_at IS NULL THEN e.available_at END, e.dead_at IS NOT NULL;
  PERFORM set_config('app.outbox_relay', 'off', true);
END $$;

-- Gives an event back unprocessed and uncounted (a relay shutting down cleanly).
CREATE FUNCTION outbox_release(p_id uuid, p_claimer text)
  RETURNS boolean
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  n integer;
BEGIN
  PERFORM set_config('app.outbox_relay', 'on', true);
  UPDATE outbox_events SET claimed_by = NULL, lease_until = NULL, attempts = greatest(attempts - 1, 0)
   WHERE id = p_id AND claimed_by = p_claimer AND processed_at IS NULL AND dead_at IS NULL;
  GET DIAGNOSTICS n = ROW_COUNT;
  PERFORM set_config('app.outbox_relay', 'off', true);
  RETURN n = 1;
END $$;

-- Deletes events processed longer ago than p_age (at least one day); dead events stay.
CREATE FUNCTION outbox_purge(p_age interval)
  RETURNS integer
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  n integer;
BEGIN
  PERFORM set_config('app.outbox_relay', 'on', true);
  DELETE FROM outbox_events WHERE processed_at < now() - greatest(p_age, interval '1 day');
  GET DIAGNOSTICS n = ROW_COUNT;
  PERFORM set_config('app.outbox_relay', 'off', true);
  RETURN n;
END $$;

REVOKE ALL ON FUNCTION outbox_claim(integer, text, interval) FROM PUBLIC;
REVOKE ALL ON FUNCTION outbox_complete(uuid, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION outbox_fail(uuid, text, text, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION outbox_release(uuid, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION outbox_purge(interval) FROM PUBLIC;
-- The relay is the worker, which connects as the application role (docs/adr/0009-outbox.md).
GRANT EXECUTE ON FUNCTION outbox_claim(integer, text, interval) TO ratsinfo_app;
GRANT EXECUTE ON FUNCTION outbox_complete(uuid, text) TO ratsinfo_app;
GRANT EXECUTE ON FUNCTION outbox_fail(uuid, text, text, integer) TO ratsinfo_app;
GRANT EXECUTE ON FUNCTION outbox_release(uuid, text) TO ratsinfo_app;
GRANT EXECUTE ON FUNCTION outbox_purge(interval) TO ratsinfo_app;

-- ---------------------------------------------------------------------------------------------
-- Full-text search
-- ---------------------------------------------------------------------------------------------

-- One row per searchable thing (paper, meeting, agenda item, file …), written by the feature
-- in the same tenant transaction as the thing itself.
CREATE TABLE "search_documents" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "entity_type" VARCHAR(50) NOT NULL,
    "entity_id" UUID NOT NULL,
    "public" BOOLEAN NOT NULL DEFAULT false,
    "title" VARCHAR(1000) NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "search_vector" tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('german'::regconfig, "title"), 'A') || setweight(to_tsvector('german'::regconfig, "body"), 'B')
    ) STORED,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "search_documents_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "search_documents_tenant_id_id_key" ON "search_documents"("tenant_id", "id");
CREATE UNIQUE INDEX "search_documents_tenant_id_entity_type_entity_id_key" ON "search_documents"("tenant_id", "entity_type", "entity_id");
CREATE INDEX "search_documents_tenant_id_search_vector_idx" ON "search_documents" USING GIN ("tenant_id", "search_vector");

ALTER TABLE "search_documents" ADD CONSTRAINT "search_documents_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "search_documents" ADD CONSTRAINT "search_documents_entity_type_check" CHECK ("entity_type" ~ '^[a-z][a-z0-9_]*$');
-- A tsvector is limited to 1 MB; extracted text beyond this is not worth indexing.
ALTER TABLE "search_documents" ADD CONSTRAINT "search_documents_body_check" CHECK (length("body") <= 500000);

ALTER TABLE "search_documents" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "search_documents" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "search_documents"
  USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());
-- PostgreSQL evaluates a policy's condition before any non-leakproof condition of the query, so
-- under any non-trivial policy `@@` cannot be an index condition. For the owner (and so for the
-- definer function below) the read policy is `true`, which the planner folds away: the
-- function's own explicit tenant filter and `@@` both become index conditions. Read-only, and
-- only the owner: the application role's reads and all writes stay under tenant_isolation.
CREATE POLICY "search_definer_read" ON "search_documents" FOR SELECT TO CURRENT_USER USING (true);

-- Features maintain their tenant's documents; RLS keeps them to their own tenant.
GRANT SELECT, INSERT, UPDATE, DELETE ON "search_documents" TO ratsinfo_app;

-- The search. The tenant comes from the transaction (app_current_tenant(), never a parameter):
-- no tenant declared → no hits. p_public_only for the portal: non-public documents never match.
CREATE FUNCTION search_tenant_documents(p_query text, p_public_only boolean, p_entity_types text[] DEFAULT NULL, p_limit integer DEFAULT 20, p_offset integer DEFAULT 0)
  RETURNS TABLE (entity_type text, entity_id uuid, title text, public boolean, rank real)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp
AS $$
  SELECT d.entity_type::text, d.entity_id, d.title::text, d.public,
         ts_rank_cd(d.search_vector, websearch_to_tsquery('german'::regconfig, p_query)) AS rank
    FROM search_documents d
   WHERE d.tenant_id = app_current_tenant()
     AND d.search_vector @@ websearch_to_tsquery('german'::regconfig, p_query)
     AND (d.public OR p_public_only IS FALSE)
     AND (p_entity_types IS NULL OR d.entity_type = ANY (p_entity_types))
   ORDER BY rank DESC, d.entity_id
   LIMIT least(greatest(coalesce(p_limit, 20), 1), 100)
  OFFSET least(greatest(coalesce(p_offset, 0), 0), 1000)
$$;

REVOKE ALL ON FUNCTION search_tenant_documents(text, boolean, text[], integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION search_tenant_documents(text, boolean, text[], integer, integer) TO ratsinfo_app;
