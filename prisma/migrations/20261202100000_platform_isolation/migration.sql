-- Platform before the domain (issue 6): the application role only reads `tenants`; tenant
-- lifecycle writes go through narrow SECURITY DEFINER functions; one authority per AGS; e-mail
-- addresses stored in one normalized form; the member visibility setting; created/modified
-- maintained by the database; a public-data version per tenant that moves with every change.
-- See docs/adr/0003-tenancy-rls.md, 0011-tenant-lifecycle-functions.md, 0012-created-modified.md.

-- CreateEnum
CREATE TYPE "member_visibility" AS ENUM ('own-bodies', 'all-bodies');

-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "member_visibility" "member_visibility" NOT NULL DEFAULT 'own-bodies',
ADD COLUMN     "public_data_version" BIGINT NOT NULL DEFAULT 1;

-- CreateIndex
CREATE INDEX "agenda_items_tenant_id_updated_at_id_idx" ON "agenda_items"("tenant_id", "updated_at", "id");

-- CreateIndex
CREATE INDEX "meetings_tenant_id_updated_at_id_idx" ON "meetings"("tenant_id", "updated_at", "id");

-- CreateIndex
CREATE INDEX "memberships_tenant_id_updated_at_id_idx" ON "memberships"("tenant_id", "updated_at", "id");

-- CreateIndex
CREATE INDEX "organizations_tenant_id_updated_at_id_idx" ON "organizations"("tenant_id", "updated_at", "id");

-- CreateIndex
CREATE INDEX "persons_tenant_id_updated_at_id_idx" ON "persons"("tenant_id", "updated_at", "id");

-- CreateIndex: the same municipality cannot be onboarded twice.
CREATE UNIQUE INDEX "tenants_ags_key" ON "tenants"("ags");

-- ---------------------------------------------------------------------------------------------
-- E-mail addresses: one normalized form (NFC, trimmed, lower case), so that binding an
-- invitation is plain equality — never a pattern match, where `_` and `%` act as wildcards.
-- FORCE RLS would hide the rows from this migration; lift it for the one update.
ALTER TABLE "user_accounts" NO FORCE ROW LEVEL SECURITY;
UPDATE "user_accounts" SET "email" = lower(normalize(btrim("email"), NFC)) WHERE "email" IS NOT NULL AND "email" <> lower(normalize(btrim("email"), NFC));
ALTER TABLE "user_accounts" FORCE ROW LEVEL SECURITY;
ALTER TABLE "user_accounts" ADD CONSTRAINT "user_accounts_email_normalized_check"
  CHECK ("email" IS NULL OR ("email" = lower(normalize(btrim("email"), NFC)) AND "email" LIKE '_%@_%'));

-- ---------------------------------------------------------------------------------------------
-- created/modified: maintained by the database for every write, raw SQL included, so OParl's
-- modified_since is true. created_at is set once and can never change; updated_at moves on
-- every real change (an UPDATE that changes nothing keeps it).
CREATE FUNCTION app_touch() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog, public, pg_temp
  AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.created_at := now();
    NEW.updated_at := now();
  ELSE
    -- Whatever the client sent for these two is ignored.
    NEW.created_at := OLD.created_at;
    NEW.updated_at := OLD.updated_at;
    IF NEW IS DISTINCT FROM OLD THEN
      -- now() is the transaction's start; never let modified go backwards.
      NEW.updated_at := greatest(now(), OLD.updated_at);
    END IF;
  END IF;
  RETURN NEW;
END $$;
REVOKE ALL ON FUNCTION app_touch() FROM PUBLIC;

CREATE TRIGGER "touch" BEFORE INSERT OR UPDATE ON "tenants" FOR EACH ROW EXECUTE FUNCTION app_touch();
CREATE TRIGGER "touch" BEFORE INSERT OR UPDATE ON "organizations" FOR EACH ROW EXECUTE FUNCTION app_touch();
CREATE TRIGGER "touch" BEFORE INSERT OR UPDATE ON "persons" FOR EACH ROW EXECUTE FUNCTION app_touch();
CREATE TRIGGER "touch" BEFORE INSERT OR UPDATE ON "memberships" FOR EACH ROW EXECUTE FUNCTION app_touch();
CREATE TRIGGER "touch" BEFORE INSERT OR UPDATE ON "meetings" FOR EACH ROW EXECUTE FUNCTION app_touch();
CREATE TRIGGER "touch" BEFORE INSERT OR UPDATE ON "agenda_items" FOR EACH ROW EXECUTE FUNCTION app_touch();
CREATE TRIGGER "touch" BEFORE INSERT OR UPDATE ON "user_accounts" FOR EACH ROW EXECUTE FUNCTION app_touch();

-- ---------------------------------------------------------------------------------------------
-- The public-data version: moves in the same transaction as any change to a tenant's data that
-- the public side can see, and announces itself on commit (NOTIFY ratsinfo_public_data
-- '<tenant id>:<version>'), so response caches and ETags of every API replica follow exactly.
-- A deferred constraint trigger runs at commit, once per tenant and transaction (a transaction-
-- local flag), so the tenants row is the last lock a writer takes: no deadlock between writers.
CREATE FUNCTION app_bump_public_data_version() RETURNS trigger
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp
  AS $$
DECLARE
  t uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.tenant_id ELSE NEW.tenant_id END;
  flag text := 'app.data_version_bumped_' || replace(t::text, '-', '');
  v bigint;
BEGIN
  IF current_setting(flag, true) IS DISTINCT FROM txid_current()::text THEN
    PERFORM set_config(flag, txid_current()::text, true);
    UPDATE tenants SET public_data_version = public_data_version + 1 WHERE id = t RETURNING public_data_version INTO v;
    IF v IS NOT NULL THEN
      PERFORM pg_notify('ratsinfo_public_data', t::text || ':' || v::text);
    END IF;
  END IF;
  RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION app_bump_public_data_version() FROM PUBLIC;

CREATE CONSTRAINT TRIGGER "public_data_version" AFTER INSERT OR UPDATE OR DELETE ON "organizations" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION app_bump_public_data_version();
CREATE CONSTRAINT TRIGGER "public_data_version" AFTER INSERT OR UPDATE OR DELETE ON "persons" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION app_bump_public_data_version();
CREATE CONSTRAINT TRIGGER "public_data_version" AFTER INSERT OR UPDATE OR DELETE ON "memberships" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION app_bump_public_data_version();
CREATE CONSTRAINT TRIGGER "public_data_version" AFTER INSERT OR UPDATE OR DELETE ON "meetings" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION app_bump_public_data_version();
CREATE CONSTRAINT TRIGGER "public_data_version" AFTER INSERT OR UPDATE OR DELETE ON "agenda_items" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION app_bump_public_data_version();

-- The tenant's own public fields move its version too.
CREATE FUNCTION app_tenant_public_change() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog, public, pg_temp
  AS $$
BEGIN
  IF (NEW.slug, NEW.name, NEW.kind, NEW.ags, NEW.status, NEW.branding_logo_url, NEW.branding_primary_color, NEW.identity_issuer)
     IS DISTINCT FROM (OLD.slug, OLD.name, OLD.kind, OLD.ags, OLD.status, OLD.branding_logo_url, OLD.branding_primary_color, OLD.identity_issuer) THEN
    NEW.public_data_version := OLD.public_data_version + 1;
    PERFORM pg_notify('ratsinfo_public_data', NEW.id::text || ':' || NEW.public_data_version::text);
  ELSIF NEW.public_data_version < OLD.public_data_version THEN
    NEW.public_data_version := OLD.public_data_version; -- never backwards
  END IF;
  RETURN NEW;
END $$;
REVOKE ALL ON FUNCTION app_tenant_public_change() FROM PUBLIC;
CREATE TRIGGER "public_data_version" BEFORE UPDATE ON "tenants" FOR EACH ROW EXECUTE FUNCTION app_tenant_public_change();

-- ---------------------------------------------------------------------------------------------
-- The tenant registry: the application role only reads it. A bug in the API can no longer
-- create, rewrite or delete an authority (a delete cascades through every tenant table past
-- RLS). The lifecycle goes through these functions, each allowing exactly one thing and
-- checking its preconditions. Errors: SQLSTATE 55000 (object not in prerequisite state) for a
-- refused transition, 22023 for a bad argument, 23505 (unique) as usual.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "tenants" FROM ratsinfo_app;

-- Registers a new authority, always in state `provisioning` (invisible until onboarding ends).
CREATE FUNCTION app_tenant_register(
  p_slug text, p_name text, p_kind tenant_kind, p_ags text, p_notice_period_days integer,
  p_branding_logo_url text, p_branding_primary_color text, p_identity_dedicated_realm boolean,
  p_identity_issuer text, p_identity_organization_alias text, p_onboarding jsonb
) RETURNS uuid
  LANGUAGE sql
  SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp
  AS $$
  INSERT INTO tenants (slug, name, kind, ags, status, notice_period_days, branding_logo_url, branding_primary_color,
                       identity_dedicated_realm, identity_issuer, identity_organization_alias, onboarding)
  VALUES (p_slug, p_name, p_kind, p_ags, 'provisioning', p_notice_period_days, p_branding_logo_url, p_branding_primary_color,
          p_identity_dedicated_realm, p_identity_issuer, p_identity_organization_alias, p_onboarding)
  RETURNING id
$$;

-- Stores onboarding progress; the identity organization id can be set once, while provisioning.
CREATE FUNCTION app_tenant_save_onboarding(p_id uuid, p_onboarding jsonb, p_identity_organization_id text) RETURNS void
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp
  AS $$
DECLARE
  cur tenants%ROWTYPE;
BEGIN
  SELECT * INTO cur FROM tenants WHERE id = p_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'member authority % does not exist', p_id USING ERRCODE = '22023';
  END IF;
  IF p_identity_organization_id IS NOT NULL AND p_identity_organization_id IS DISTINCT FROM cur.identity_organization_id THEN
    IF cur.status <> 'provisioning' OR cur.identity_organization_id IS NOT NULL THEN
      RAISE EXCEPTION 'the identity organization of % is already set', cur.slug USING ERRCODE = '55000';
    END IF;
  END IF;
  UPDATE tenants SET onboarding = p_onboarding,
                     identity_organization_id = coalesce(p_identity_organization_id, identity_organization_id)
   WHERE id = p_id;
END $$;

-- provisioning → active, active → suspended, suspended → active; anything else is refused.
CREATE FUNCTION app_tenant_set_status(p_id uuid, p_status tenant_status) RETURNS tenant_status
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp
  AS $$
DECLARE
  old_status tenant_status;
BEGIN
  SELECT status INTO old_status FROM tenants WHERE id = p_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'member authority % does not exist', p_id USING ERRCODE = '22023';
  END IF;
  IF old_status = p_status THEN
    RETURN old_status;
  END IF;
  IF NOT ((old_status = 'provisioning' AND p_status = 'active')
       OR (old_status = 'active' AND p_status = 'suspended')
       OR (old_status = 'suspended' AND p_status = 'active')) THEN
    RAISE EXCEPTION 'a member authority cannot go from % to %', old_status, p_status USING ERRCODE = '55000';
  END IF;
  UPDATE tenants SET status = p_status WHERE id = p_id;
  RETURN old_status;
END $$;

-- Records that a complete export was taken (a precondition of deletion).
CREATE FUNCTION app_tenant_mark_exported(p_id uuid) RETURNS timestamptz
  LANGUAGE sql
  SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp
  AS $$
  UPDATE tenants SET last_export_at = now() WHERE id = p_id RETURNING last_export_at
$$;

-- Deletes an authority for good (the foreign keys cascade): only a suspended (or never
-- activated) one, only after an export, only with its slug repeated.
CREATE FUNCTION app_tenant_delete(p_id uuid, p_confirm_slug text) RETURNS void
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp
  AS $$
DECLARE
  cur tenants%ROWTYPE;
BEGIN
  SELECT * INTO cur FROM tenants WHERE id = p_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'member authority % does not exist', p_id USING ERRCODE = '22023';
  END IF;
  IF p_confirm_slug IS DISTINCT FROM cur.slug THEN
    RAISE EXCEPTION 'the confirmation does not repeat the slug %', cur.slug USING ERRCODE = '22023';
  END IF;
  IF cur.status = 'active' THEN
    RAISE EXCEPTION 'suspend % before deleting it', cur.slug USING ERRCODE = '55000';
  END IF;
  IF cur.last_export_at IS NULL THEN
    RAISE EXCEPTION 'export % before deleting it', cur.slug USING ERRCODE = '55000';
  END IF;
  -- Referential actions bypass row-level security: the cascade reaches every tenant table.
  DELETE FROM tenants WHERE id = p_id;
END $$;

-- A tenant admin's settings: only for the tenant the current transaction declared.
CREATE FUNCTION app_tenant_set_member_visibility(p_visibility member_visibility) RETURNS member_visibility
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
  UPDATE tenants SET member_visibility = p_visibility WHERE id = t;
  RETURN p_visibility;
END $$;

REVOKE ALL ON FUNCTION app_tenant_register(text, text, tenant_kind, text, integer, text, text, boolean, text, text, jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION app_tenant_save_onboarding(uuid, jsonb, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION app_tenant_set_status(uuid, tenant_status) FROM PUBLIC;
REVOKE ALL ON FUNCTION app_tenant_mark_exported(uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION app_tenant_delete(uuid, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION app_tenant_set_member_visibility(member_visibility) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_tenant_register(text, text, tenant_kind, text, integer, text, text, boolean, text, text, jsonb) TO ratsinfo_app;
GRANT EXECUTE ON FUNCTION app_tenant_save_onboarding(uuid, jsonb, text) TO ratsinfo_app;
GRANT EXECUTE ON FUNCTION app_tenant_set_status(uuid, tenant_status) TO ratsinfo_app;
GRANT EXECUTE ON FUNCTION app_tenant_mark_exported(uuid) TO ratsinfo_app;
GRANT EXECUTE ON FUNCTION app_tenant_delete(uuid, text) TO ratsinfo_app;
GRANT EXECUTE ON FUNCTION app_tenant_set_member_visibility(member_visibility) TO ratsinfo_app;
