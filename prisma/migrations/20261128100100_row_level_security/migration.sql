-- Tenant isolation, enforced by PostgreSQL itself (docs/adr/0003-tenancy-rls.md).
--
-- Every tenant-owned table: ENABLE + FORCE row-level security (FORCE so that even the owner role
-- is filtered) and one policy whose USING and WITH CHECK compare tenant_id with the tenant the
-- current transaction declared via set_config('app.tenant_id', <uuid>, true).
-- With no tenant declared, app_current_tenant() is NULL: reads return no rows, writes fail.
-- The application role `ratsinfo_app` owns nothing and has no BYPASSRLS; it is created by the
-- deployment (tools/db/bootstrap.mts for the embedded server) before migrations run.

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ratsinfo_app') THEN
    RAISE EXCEPTION 'database role ratsinfo_app does not exist: create it (LOGIN NOSUPERUSER NOBYPASSRLS) before migrating';
  END IF;
END $$;

-- NULLIF: after a transaction-local set_config ends, the setting reads as '' (not NULL) for the
-- rest of the session; '' must mean "no tenant", never a cast error or a match.
CREATE FUNCTION app_current_tenant() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$;

REVOKE ALL ON FUNCTION app_current_tenant() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_current_tenant() TO ratsinfo_app;

-- The tenant registry is cooperative-level (no tenant_id): the application may read it to
-- resolve slugs; writes go through the operator flows.
GRANT SELECT ON "tenants" TO ratsinfo_app;

ALTER TABLE "tenants" ADD CONSTRAINT "tenants_ags_check" CHECK ("ags" ~ '^(0[1-9]|1[0-6])[0-9]{6}$');
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_slug_check" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length("slug") BETWEEN 2 AND 63);
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_primary_color_check" CHECK ("branding_primary_color" IS NULL OR "branding_primary_color" ~ '^#[0-9a-fA-F]{6}$');
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_notice_period_check" CHECK ("notice_period_days" BETWEEN 0 AND 60);

-- organizations
ALTER TABLE "organizations" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "organizations" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "organizations"
  USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "organizations" TO ratsinfo_app;

-- persons
ALTER TABLE "persons" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "persons" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "persons"
  USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "persons" TO ratsinfo_app;

-- memberships
ALTER TABLE "memberships" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "memberships" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "memberships"
  USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "memberships" TO ratsinfo_app;

-- meetings
ALTER TABLE "meetings" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "meetings" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "meetings"
  USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "meetings" TO ratsinfo_app;
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_end_after_start_check" CHECK ("end" IS NULL OR "end" >= "start");

-- agenda_items
ALTER TABLE "agenda_items" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "agenda_items" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "agenda_items"
  USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "agenda_items" TO ratsinfo_app;
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_order_check" CHECK ("order" >= 1);
