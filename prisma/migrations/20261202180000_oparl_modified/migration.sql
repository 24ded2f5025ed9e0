-- OParl data rules kept by the database (issue 10): an embedded object's change moves the
-- embedding object's `modified` (OParl/spec#375), and the Body's license per tenant.
-- See docs/adr/0019-oparl-modified-propagation.md.

-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "oparl_license" VARCHAR(500);

-- CreateIndex
CREATE INDEX "meetings_tenant_id_location_id_idx" ON "meetings"("tenant_id", "location_id");

-- CreateIndex
CREATE INDEX "organizations_tenant_id_location_id_idx" ON "organizations"("tenant_id", "location_id");

-- ---------------------------------------------------------------------------------------------
-- Body license: an absolute http(s) URL without whitespace or control characters.
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_oparl_license_check"
  CHECK ("oparl_license" IS NULL OR ("oparl_license" ~ '^https?://[^[:space:][:cntrl:]]+$' AND length("oparl_license") <= 500));

-- The license is public (OParl Body.license): a change moves the public-data version.
CREATE OR REPLACE FUNCTION app_tenant_public_change() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog, public, pg_temp
  AS $$
BEGIN
  IF (NEW.slug, NEW.name, NEW.kind, NEW.ags, NEW.status, NEW.branding_logo_url, NEW.branding_primary_color, NEW.identity_issuer, NEW.oparl_license)
     IS DISTINCT FROM (OLD.slug, OLD.name, OLD.kind, OLD.ags, OLD.status, OLD.branding_logo_url, OLD.branding_primary_color, OLD.identity_issuer, OLD.oparl_license) THEN
    NEW.public_data_version := OLD.public_data_version + 1;
    PERFORM pg_notify('ratsinfo_public_data', NEW.id::text || ':' || NEW.public_data_version::text);
  ELSIF NEW.public_data_version < OLD.public_data_version THEN
    NEW.public_data_version := OLD.public_data_version; -- never backwards
  END IF;
  RETURN NEW;
END $$;

-- The authority's admin sets it (the application role cannot update tenants).
CREATE FUNCTION app_tenant_set_oparl_license(p_license text) RETURNS void
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp
  AS $$
DECLARE
  t uuid := app_current_tenant();
BEGIN
  IF t IS NULL THEN
    RAISE EXCEPTION 'no member authority declared in this transaction' USING ERRCODE = '55000';
  END IF;
  UPDATE tenants SET oparl_license = p_license WHERE id = t;
END $$;
REVOKE ALL ON FUNCTION app_tenant_set_oparl_license(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_tenant_set_oparl_license(text) TO ratsinfo_app;

-- ---------------------------------------------------------------------------------------------
-- Embedded modified propagation. While `app.touch_embedding` is 'on' (transaction-local, set
-- only around the propagating UPDATE), app_touch moves updated_at even though no other column
-- changed. On `tenants` (the OParl Body) the public-data version and the last export are
-- bookkeeping and no longer move updated_at (before, every council write moved the Body's
-- modified). Everything else of app_touch is as before: created_at never changes, updated_at
-- never goes backwards, and no `version` column is touched (If-Match stays valid).
CREATE OR REPLACE FUNCTION app_touch() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog, public, pg_temp
  AS $$
DECLARE
  changed boolean;
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.created_at := now();
    NEW.updated_at := now();
  ELSE
    -- Whatever the client sent for these two is ignored.
    NEW.created_at := OLD.created_at;
    NEW.updated_at := OLD.updated_at;
    IF TG_TABLE_NAME = 'tenants' THEN
      -- The tenants row is the OParl Body: its bookkeeping (the public-data version that every
      -- council write moves, the last export) is no change of the Body.
      changed := to_jsonb(NEW) - 'public_data_version' - 'last_export_at' IS DISTINCT FROM to_jsonb(OLD) - 'public_data_version' - 'last_export_at';
    ELSE
      changed := NEW IS DISTINCT FROM OLD;
    END IF;
    IF changed OR current_setting('app.touch_embedding', true) = 'on' THEN
      -- now() is the transaction's start; never let modified go backwards.
      NEW.updated_at := greatest(now(), OLD.updated_at);
    END IF;
  END IF;
  RETURN NEW;
END $$;

-- One statement-level trigger function for every edge: after a statement wrote rows of a child
-- table, the embedding rows move their updated_at to now(), once per statement (transition
-- tables), in the same transaction. Arguments come in groups of four:
--   parent table, child column, parent column, watched child columns ('*' = any change)
-- e.g. ('meetings', 'meeting_id', 'id', '*') or, for a reverse edge, ('meetings', 'id',
-- 'location_id', '*'). On UPDATE a child row counts when the watched columns changed ('*':
-- when its updated_at moved, i.e. something changed); both the old and the new parent count
-- when the child column itself changed. `updated_at < now()` skips parents already touched in
-- this transaction (stamps are stored to the millisecond, hence date_trunc), so a seed writing a meeting and its 100 items touches nothing extra.
-- The parent's own statement trigger carries the change one level further up (file version →
-- file → agenda item → meeting); the edges form no cycle. Runs as the caller (RLS applies:
-- only the rows of the caller tenant are seen or touched), not SECURITY DEFINER.
CREATE FUNCTION app_oparl_touch_embedding() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog, public, pg_temp
  AS $$
DECLARE
  i integer := 0;
  parent text;
  child_col text;
  parent_col text;
  watched text;
  changed text;
  src text;
  prev text := current_setting('app.touch_embedding', true);
BEGIN
  WHILE i + 3 < TG_NARGS LOOP
    parent := TG_ARGV[i];
    child_col := TG_ARGV[i + 1];
    parent_col := TG_ARGV[i + 2];
    watched := TG_ARGV[i + 3];
    i := i + 4;
    IF TG_OP = 'INSERT' THEN
      src := format('SELECT tenant_id, %I AS k FROM new_rows', child_col);
    ELSIF TG_OP = 'DELETE' THEN
      src := format('SELECT tenant_id, %I AS k FROM old_rows', child_col);
    ELSE
      IF watched = '*' THEN
        changed := 'n.updated_at IS DISTINCT FROM o.updated_at';
      ELSE
        SELECT format('(%s) IS DISTINCT FROM (%s)',
                      string_agg(format('n.%I', c), ', '), string_agg(format('o.%I', c), ', '))
          INTO changed FROM unnest(string_to_array(watched || ',' || child_col, ',')) AS c;
      END IF;
      src := format('SELECT n.tenant_id, n.%1$I AS k FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE %2$s'
                    ' UNION ALL SELECT o.tenant_id, o.%1$I FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.%1$I IS DISTINCT FROM o.%1$I',
                    child_col, changed);
    END IF;
    PERFORM set_config('app.touch_embedding', 'on', true);
    EXECUTE format('UPDATE %I p SET updated_at = now() FROM (SELECT DISTINCT tenant_id, k FROM (%s) s WHERE k IS NOT NULL) c'
                   ' WHERE p.tenant_id = c.tenant_id AND p.%I = c.k AND p.updated_at < date_trunc(''milliseconds'', now())', parent, src, parent_col);
    PERFORM set_config('app.touch_embedding', coalesce(prev, ''), true);
  END LOOP;
  RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION app_oparl_touch_embedding() FROM PUBLIC;

-- Edges of our OParl output (child → embedding parent). Transition tables allow one event per
-- trigger, hence three triggers per table.
DO $$
DECLARE
  e record;
BEGIN
  FOR e IN SELECT * FROM (VALUES
    -- Meeting.agendaItem; Consultation.agendaItem/meeting when an item points at another consultation.
    ('agenda_items', $a$'meetings', 'meeting_id', 'id', '*', 'consultations', 'consultation_id', 'id', 'meeting_id,public,deleted_at'$a$),
    -- Meeting.auxiliaryFile/invitation/…, AgendaItem.auxiliaryFile, Paper.mainFile/auxiliaryFile.
    ('files', $a$'meetings', 'meeting_id', 'id', '*', 'agenda_items', 'agenda_item_id', 'id', '*', 'papers', 'paper_id', 'id', '*'$a$),
    -- File.size/sha512Checksum/mimeType/text come from the current version.
    ('file_versions', $a$'files', 'file_id', 'id', '*'$a$),
    -- Meeting.location, Organization.location (reverse edges: parents name the location).
    ('locations', $a$'meetings', 'id', 'location_id', '*', 'organizations', 'id', 'location_id', '*'$a$),
    -- ratsinfo:attendance
    ('meeting_attendances', $a$'meetings', 'meeting_id', 'id', '*'$a$),
    -- ratsinfo:votes
    ('named_votes', $a$'agenda_items', 'agenda_item_id', 'id', '*'$a$),
    ('vote_conflicts', $a$'agenda_items', 'agenda_item_id', 'id', '*'$a$),
    -- Paper.consultation
    ('consultations', $a$'papers', 'paper_id', 'id', '*'$a$),
    -- ratsinfo:status
    ('resolutions', $a$'papers', 'paper_id', 'id', '*'$a$),
    -- Person.membership
    ('memberships', $a$'persons', 'person_id', 'id', '*'$a$)
  ) AS v(child, args)
  LOOP
    EXECUTE format('CREATE TRIGGER "oparl_modified_insert" AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_oparl_touch_embedding(%s)', e.child, e.args);
    EXECUTE format('CREATE TRIGGER "oparl_modified_update" AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_oparl_touch_embedding(%s)', e.child, e.args);
    EXECUTE format('CREATE TRIGGER "oparl_modified_delete" AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION app_oparl_touch_embedding(%s)', e.child, e.args);
  END LOOP;
END $$;

-- Body.legislativeTerm: the Body is the tenants row, which the application role cannot update,
-- and whose row lock must stay the last one a writer takes (ADR 0012). So this edge runs at
-- commit, as a deferred constraint trigger named to sort before "public_data_version" (which
-- locks the same row right after), and as definer.
CREATE FUNCTION app_oparl_touch_body() RETURNS trigger
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp
  AS $$
DECLARE
  t uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.tenant_id ELSE NEW.tenant_id END;
  prev text := current_setting('app.touch_embedding', true);
BEGIN
  PERFORM set_config('app.touch_embedding', 'on', true);
  UPDATE tenants SET updated_at = now() WHERE id = t AND updated_at < date_trunc('milliseconds', now());
  PERFORM set_config('app.touch_embedding', coalesce(prev, ''), true);
  RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION app_oparl_touch_body() FROM PUBLIC;
CREATE CONSTRAINT TRIGGER "oparl_body_modified" AFTER INSERT OR UPDATE OR DELETE ON "legislative_terms"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION app_oparl_touch_body();
