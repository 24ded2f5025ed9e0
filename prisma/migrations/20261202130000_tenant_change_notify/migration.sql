-- Every API replica keeps the tenant registry in memory (the tenant is resolved on every request).
-- Any change to a tenant row, however it is made (operator flow, SECURITY DEFINER function, raw
-- SQL), tells the replicas which tenant to forget; PostgreSQL delivers the notification on commit
-- only, so a replica never drops an entry for a change that was rolled back.
-- See docs/adr/0008-fast-public-reads.md.
CREATE FUNCTION notify_tenant_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  PERFORM pg_notify('ratsinfo_tenants', COALESCE(NEW.id, OLD.id)::text);
  RETURN NULL;
END $$;

CREATE TRIGGER tenants_notify_changed
  AFTER INSERT OR UPDATE OR DELETE ON "tenants"
  FOR EACH ROW EXECUTE FUNCTION notify_tenant_changed();

-- Triggers fire without an EXECUTE check; nobody needs to call it directly.
REVOKE ALL ON FUNCTION notify_tenant_changed() FROM PUBLIC;
