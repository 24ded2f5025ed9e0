-- Metrics (docs/adr/0021-storage-and-metrics.md): how many outbox events are waiting and how many
-- are dead letters, over all tenants. Two numbers, nothing of any event's tenant, topic or content.
-- Like the relay functions, it runs as the owner and switches app.outbox_relay on for its own
-- statement only.
CREATE FUNCTION outbox_counts()
  RETURNS TABLE (pending bigint, dead bigint)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  PERFORM set_config('app.outbox_relay', 'on', true);
  RETURN QUERY
  SELECT count(*) FILTER (WHERE e.dead_at IS NULL), count(*) FILTER (WHERE e.dead_at IS NOT NULL)
    FROM outbox_events e
   WHERE e.processed_at IS NULL;
  PERFORM set_config('app.outbox_relay', 'off', true);
END $$;
REVOKE ALL ON FUNCTION outbox_counts() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION outbox_counts() TO ratsinfo_app;
