-- STAND-IN for the lead's public-data-version migration (issue 6): same column, triggers and
-- notification as announced, so the response cache can be built and tested before it lands.
-- When merging, keep the lead's migration and delete this folder.
ALTER TABLE "tenants" ADD COLUMN "public_data_version" BIGINT NOT NULL DEFAULT 1;

CREATE FUNCTION bump_public_data_version() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  r record;
BEGIN
  FOR r IN
    UPDATE tenants t SET public_data_version = t.public_data_version + 1
     WHERE t.id IN (SELECT tenant_id FROM changed_rows)
     RETURNING t.id, t.public_data_version
  LOOP
    PERFORM pg_notify('ratsinfo_public_data', r.id::text || ':' || r.public_data_version::text);
  END LOOP;
  RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION bump_public_data_version() FROM PUBLIC;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['organizations', 'persons', 'memberships', 'meetings', 'agenda_items'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_public_data_version()', t || '_public_version_ins', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_public_data_version()', t || '_public_version_upd', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_public_data_version()', t || '_public_version_del', t);
  END LOOP;
END $$;

CREATE FUNCTION bump_tenant_public_data_version() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  NEW.public_data_version := OLD.public_data_version + 1;
  PERFORM pg_notify('ratsinfo_public_data', NEW.id::text || ':' || NEW.public_data_version::text);
  RETURN NEW;
END $$;
REVOKE ALL ON FUNCTION bump_tenant_public_data_version() FROM PUBLIC;

CREATE TRIGGER tenants_public_version
  BEFORE UPDATE ON "tenants" FOR EACH ROW
  WHEN (ROW(OLD.slug, OLD.name, OLD.kind, OLD.ags, OLD.status, OLD.branding_logo_url, OLD.branding_primary_color, OLD.identity_issuer)
        IS DISTINCT FROM ROW(NEW.slug, NEW.name, NEW.kind, NEW.ags, NEW.status, NEW.branding_logo_url, NEW.branding_primary_color, NEW.identity_issuer))
  EXECUTE FUNCTION bump_tenant_public_data_version();
