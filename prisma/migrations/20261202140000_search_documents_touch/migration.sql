-- search_documents.created_at/updated_at maintained by the database (app_touch, from
-- 20261202100000_platform_isolation), like every domain table: no client can set either column.
-- In a BEFORE trigger the generated search_vector of NEW is not computed yet, so app_touch sees
-- every UPDATE of this table as a change; SearchIndex.upsert therefore skips unchanged text.
-- outbox_events has no updated_at: its life cycle is told by claimed_at/processed_at/dead_at,
-- which only the relay functions write.
CREATE TRIGGER "touch" BEFORE INSERT OR UPDATE ON "search_documents" FOR EACH ROW EXECUTE FUNCTION app_touch();
