-- Search documents follow renamed names (ADR 0020): a document shows and is found by names kept
-- in other rows — a paper by its type, originators and bodies of its consultation path; a
-- meeting, its agenda items and their files by their body; a paper's files by the paper type.
-- Renaming such a row now refreshes those documents in the same transaction, as writing the
-- document's own row does. Renames are rare administrative writes; a body's rename refreshes its
-- meetings' documents (a few hundred in a realistic authority).

CREATE FUNCTION search_sync_names() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  r record;
BEGIN
  IF TG_TABLE_NAME = 'paper_types' THEN
    FOR r IN SELECT id FROM papers WHERE paper_type_id = NEW.id LOOP PERFORM search_refresh_paper(r.id); END LOOP;
    FOR r IN SELECT f.id FROM files f JOIN papers p ON p.tenant_id = f.tenant_id AND p.id = f.paper_id WHERE p.paper_type_id = NEW.id LOOP
      PERFORM search_refresh_file(r.id);
    END LOOP;
  ELSIF TG_TABLE_NAME = 'organizations' THEN
    FOR r IN SELECT paper_id AS id FROM paper_originator_organizations WHERE organization_id = NEW.id
             UNION SELECT paper_id FROM consultations WHERE organization_id = NEW.id LOOP
      PERFORM search_refresh_paper(r.id);
    END LOOP;
    FOR r IN SELECT id FROM meetings WHERE organization_id = NEW.id LOOP PERFORM search_refresh_meeting(r.id); END LOOP;
    FOR r IN SELECT ai.id FROM agenda_items ai JOIN meetings m ON m.tenant_id = ai.tenant_id AND m.id = ai.meeting_id WHERE m.organization_id = NEW.id LOOP
      PERFORM search_refresh_agenda_item(r.id);
    END LOOP;
    FOR r IN SELECT f.id FROM files f JOIN meetings m ON m.tenant_id = f.tenant_id AND m.id = f.meeting_id WHERE m.organization_id = NEW.id
             UNION ALL
             SELECT f.id FROM files f JOIN agenda_items ai ON ai.tenant_id = f.tenant_id AND ai.id = f.agenda_item_id
                                      JOIN meetings m ON m.tenant_id = ai.tenant_id AND m.id = ai.meeting_id WHERE m.organization_id = NEW.id LOOP
      PERFORM search_refresh_file(r.id);
    END LOOP;
  ELSIF TG_TABLE_NAME = 'persons' THEN
    FOR r IN SELECT paper_id AS id FROM paper_originator_persons WHERE person_id = NEW.id LOOP PERFORM search_refresh_paper(r.id); END LOOP;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "search_names" AFTER UPDATE OF "name" ON "paper_types"
  FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION search_sync_names();
CREATE TRIGGER "search_names" AFTER UPDATE OF "name" ON "organizations"
  FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION search_sync_names();
CREATE TRIGGER "search_names" AFTER UPDATE OF "title", "given_name", "family_name" ON "persons"
  FOR EACH ROW WHEN ((OLD."title", OLD."given_name", OLD."family_name") IS DISTINCT FROM (NEW."title", NEW."given_name", NEW."family_name"))
  EXECUTE FUNCTION search_sync_names();

-- Fired by PostgreSQL whoever writes, never called by anyone (as every trigger function, ADR 0003).
REVOKE ALL ON FUNCTION search_sync_names() FROM PUBLIC;
