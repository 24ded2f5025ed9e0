-- Search v2 (issue 10, docs/adr/0020-search-v2.md): reference numbers with their own weight,
-- filter columns, and documents for papers, meetings, agenda items and files kept current by the
-- database itself (row triggers, in the same transaction as every write, raw SQL and the seed
-- included), a new definer function with prefix matching, filters, keyset paging and snippets.

-- ---------------------------------------------------------------------------------------------
-- Reference numbers: `BV/0123/2026` is stored as the words `bv 0123 123 2026` (lower case, split
-- at every non-alphanumeric character, numbers also without leading zeros) under the `simple`
-- configuration, so `bv 123 2026`, `0123/2026` and `bv/123/2026` all find it.
CREATE FUNCTION search_reference_terms(p_reference text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
AS $$
  SELECT coalesce(string_agg(CASE WHEN t ~ '^[0-9]+$' AND ltrim(t, '0') <> '' AND ltrim(t, '0') <> t THEN t || ' ' || ltrim(t, '0') ELSE t END, ' '), '')
    FROM regexp_split_to_table(lower(coalesce(p_reference, '')), '[^[:alnum:]]+') AS t
   WHERE t <> ''
$$;

ALTER TABLE "search_documents"
  ADD COLUMN "reference" VARCHAR(50),
  ADD COLUMN "doc_date" DATE,
  ADD COLUMN "organization_ids" UUID[] NOT NULL DEFAULT '{}',
  ADD COLUMN "paper_type_id" UUID,
  ADD COLUMN "has_files" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "draft" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "target_type" VARCHAR(20),
  ADD COLUMN "target_id" UUID,
  ADD COLUMN "context" TEXT;

-- Three weights: title A, reference B, body C (ranking title > reference > body).
DROP INDEX "search_documents_tenant_id_search_vector_idx";
ALTER TABLE "search_documents" DROP COLUMN "search_vector";
ALTER TABLE "search_documents" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('german'::regconfig, "title"), 'A')
  || setweight(to_tsvector('simple'::regconfig, search_reference_terms("reference")), 'B')
  || setweight(to_tsvector('german'::regconfig, "body"), 'C')
) STORED;
CREATE INDEX "search_documents_tenant_id_search_vector_idx" ON "search_documents" USING GIN ("tenant_id", "search_vector");
-- Title and reference alone: small (never TOASTed), so ranking reads it instead of the whole
-- vector. Ranking every match on search_vector costs a detoast per match: ~3 s for a word in
-- 98,000 of 100,000 documents, against ~0.1–0.3 s this way (search-v2.spec).
ALTER TABLE "search_documents" ADD COLUMN "title_vector" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('german'::regconfig, "title"), 'A')
  || setweight(to_tsvector('simple'::regconfig, search_reference_terms("reference")), 'B')
) STORED;
-- A common word matches a good part of the authority's documents, and the bitmap heap scan then
-- reads every page that holds one. Body and search_vector out of line (TOAST) keep the heap rows
-- small, so those pages are few; ts_headline reads the body of the page's rows only.
ALTER TABLE "search_documents" SET (toast_tuple_target = 128);

-- ---------------------------------------------------------------------------------------------
-- Writers. search_put writes nothing when nothing changed (app_touch would move updated_at:
-- see 20261202140000_search_documents_touch). The tenant is the row's own; under RLS the
-- insert is only accepted inside that tenant's transaction, as every write of the row itself.
CREATE FUNCTION search_put(
  p_tenant uuid, p_type text, p_id uuid, p_public boolean, p_title text, p_body text, p_reference text,
  p_date date, p_organization_ids uuid[], p_paper_type uuid, p_has_files boolean, p_draft boolean,
  p_target_type text, p_target_id uuid, p_context text
) RETURNS void
  LANGUAGE sql
  SET search_path = pg_catalog, public, pg_temp
AS $$
  INSERT INTO search_documents AS d (tenant_id, entity_type, entity_id, public, title, body, reference, doc_date, organization_ids, paper_type_id, has_files, draft, target_type, target_id, context)
  VALUES (p_tenant, p_type, p_id, p_public, left(p_title, 1000), left(coalesce(p_body, ''), 500000), p_reference, p_date, coalesce(p_organization_ids, '{}'), p_paper_type, p_has_files, p_draft, p_target_type, p_target_id, p_context)
  ON CONFLICT (tenant_id, entity_type, entity_id) DO UPDATE
     SET public = excluded.public, title = excluded.title, body = excluded.body, reference = excluded.reference, doc_date = excluded.doc_date,
         organization_ids = excluded.organization_ids, paper_type_id = excluded.paper_type_id, has_files = excluded.has_files, draft = excluded.draft,
         target_type = excluded.target_type, target_id = excluded.target_id, context = excluded.context
   WHERE (d.public, d.title, d.body, d.reference, d.doc_date, d.organization_ids, d.paper_type_id, d.has_files, d.draft, d.target_type, d.target_id, d.context)
         IS DISTINCT FROM
         (excluded.public, excluded.title, excluded.body, excluded.reference, excluded.doc_date, excluded.organization_ids, excluded.paper_type_id, excluded.has_files, excluded.draft, excluded.target_type, excluded.target_id, excluded.context)
$$;

CREATE FUNCTION search_drop(p_type text, p_id uuid) RETURNS void
  LANGUAGE sql
  SET search_path = pg_catalog, public, pg_temp
AS $$
  DELETE FROM search_documents WHERE entity_type = p_type AND entity_id = p_id
$$;

-- A paper: name; reference; type, department, originators and the bodies of its path. Public
-- as on the portal (public and not a draft); members never see drafts (draft = true).
CREATE FUNCTION search_refresh_paper(p_id uuid) RETURNS void
  LANGUAGE plpgsql
  SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  p record;
  v_public boolean;
BEGIN
  SELECT pa.*, pt.name AS type_name INTO p
    FROM papers pa JOIN paper_types pt ON pt.tenant_id = pa.tenant_id AND pt.id = pa.paper_type_id
   WHERE pa.id = p_id;
  IF NOT FOUND OR p.deleted_at IS NOT NULL THEN
    PERFORM search_drop('paper', p_id);
    RETURN;
  END IF;
  v_public := p.public AND p.status <> 'draft';
  PERFORM search_put(
    p.tenant_id, 'paper', p.id, v_public, p.name,
    concat_ws(E'\n', p.type_name, p.responsible_department,
      (SELECT string_agg(concat_ws(' ', pe.title, pe.given_name, pe.family_name), E'\n') FROM paper_originator_persons o JOIN persons pe ON pe.tenant_id = o.tenant_id AND pe.id = o.person_id WHERE o.paper_id = p.id),
      (SELECT string_agg(og.name, E'\n') FROM paper_originator_organizations o JOIN organizations og ON og.tenant_id = o.tenant_id AND og.id = o.organization_id WHERE o.paper_id = p.id),
      (SELECT string_agg(og.name, E'\n' ORDER BY c.position) FROM consultations c JOIN organizations og ON og.tenant_id = c.tenant_id AND og.id = c.organization_id WHERE c.paper_id = p.id AND c.deleted_at IS NULL)),
    p.reference, p.date,
    ARRAY(SELECT DISTINCT c.organization_id FROM consultations c WHERE c.paper_id = p.id AND c.deleted_at IS NULL ORDER BY 1),
    p.paper_type_id,
    EXISTS (SELECT 1 FROM files f WHERE f.paper_id = p.id AND f.deleted_at IS NULL AND (f.public OR NOT v_public)),
    p.status = 'draft', 'paper', p.id, p.type_name);
END $$;

-- A meeting: name, its body and place; public unless deleted.
CREATE FUNCTION search_refresh_meeting(p_id uuid) RETURNS void
  LANGUAGE plpgsql
  SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  m record;
BEGIN
  SELECT me.*, og.name AS organization_name INTO m
    FROM meetings me JOIN organizations og ON og.tenant_id = me.tenant_id AND og.id = me.organization_id
   WHERE me.id = p_id;
  IF NOT FOUND OR m.deleted_at IS NOT NULL THEN
    PERFORM search_drop('meeting', p_id);
    RETURN;
  END IF;
  PERFORM search_put(
    m.tenant_id, 'meeting', m.id, true, m.name,
    concat_ws(E'\n', m.organization_name, m.location_text, CASE WHEN m.cancelled THEN m.cancelled_reason END),
    NULL, (m.start AT TIME ZONE 'Europe/Berlin')::date, ARRAY[m.organization_id], NULL,
    EXISTS (SELECT 1 FROM files f WHERE f.meeting_id = m.id AND f.deleted_at IS NULL AND f.public),
    false, 'meeting', m.id, m.organization_name);
END $$;

-- An agenda item: name, result and resolution text, the reference of the paper it deliberates
-- (only when that paper is public as on the portal). Public when the item is; gone with its
-- meeting.
CREATE FUNCTION search_refresh_agenda_item(p_id uuid) RETURNS void
  LANGUAGE plpgsql
  SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  i record;
  pa record;
BEGIN
  SELECT ai.*, me.deleted_at AS meeting_deleted_at, me.start AS meeting_start, me.organization_id, og.name AS organization_name INTO i
    FROM agenda_items ai
    JOIN meetings me ON me.tenant_id = ai.tenant_id AND me.id = ai.meeting_id
    JOIN organizations og ON og.tenant_id = me.tenant_id AND og.id = me.organization_id
   WHERE ai.id = p_id;
  IF NOT FOUND OR i.deleted_at IS NOT NULL OR i.meeting_deleted_at IS NOT NULL THEN
    PERFORM search_drop('agenda_item', p_id);
    RETURN;
  END IF;
  SELECT pp.reference, pp.paper_type_id INTO pa
    FROM consultations c JOIN papers pp ON pp.tenant_id = c.tenant_id AND pp.id = c.paper_id
   WHERE c.id = i.consultation_id AND c.deleted_at IS NULL AND pp.deleted_at IS NULL AND pp.public AND pp.status <> 'draft';
  PERFORM search_put(
    i.tenant_id, 'agenda_item', i.id, i.public, i.name,
    concat_ws(E'\n', i.result, i.resolution_text),
    pa.reference, (i.meeting_start AT TIME ZONE 'Europe/Berlin')::date, ARRAY[i.organization_id], pa.paper_type_id,
    EXISTS (SELECT 1 FROM files f WHERE f.agenda_item_id = i.id AND f.deleted_at IS NULL AND (f.public OR NOT i.public)),
    false, 'meeting', i.meeting_id, i.organization_name);
END $$;

-- A file: its name and the extracted text of its current version (OCR included). Public only
-- when the file is public and its owner (paper, meeting, agenda item) is public; photos of
-- persons are not searched.
CREATE FUNCTION search_refresh_file(p_id uuid) RETURNS void
  LANGUAGE plpgsql
  SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  f record;
  o record;
  v_owner boolean := false;
  v_text text;
BEGIN
  SELECT * INTO f FROM files WHERE id = p_id;
  IF NOT FOUND OR f.deleted_at IS NOT NULL THEN
    PERFORM search_drop('file', p_id);
    RETURN;
  END IF;
  SELECT v.text INTO v_text FROM file_versions v WHERE v.file_id = f.id AND v.number = f.current_version;
  IF f.paper_id IS NOT NULL THEN
    SELECT pp.deleted_at, pp.public AND pp.status <> 'draft' AS public, pp.status = 'draft' AS draft, pp.reference::text AS reference, pp.date AS doc_date,
           ARRAY(SELECT DISTINCT c.organization_id FROM consultations c WHERE c.paper_id = pp.id AND c.deleted_at IS NULL ORDER BY 1) AS organization_ids,
           pp.paper_type_id, 'paper'::text AS target_type, pp.id AS target_id, pt.name::text AS context INTO o
      FROM papers pp JOIN paper_types pt ON pt.tenant_id = pp.tenant_id AND pt.id = pp.paper_type_id
     WHERE pp.id = f.paper_id;
    v_owner := FOUND;
  ELSIF f.meeting_id IS NOT NULL THEN
    SELECT me.deleted_at, true AS public, false AS draft, NULL::text AS reference, (me.start AT TIME ZONE 'Europe/Berlin')::date AS doc_date,
           ARRAY[me.organization_id] AS organization_ids, NULL::uuid AS paper_type_id, 'meeting'::text AS target_type, me.id AS target_id, og.name::text AS context INTO o
      FROM meetings me JOIN organizations og ON og.tenant_id = me.tenant_id AND og.id = me.organization_id
     WHERE me.id = f.meeting_id;
    v_owner := FOUND;
  ELSIF f.agenda_item_id IS NOT NULL THEN
    SELECT coalesce(ai.deleted_at, me.deleted_at) AS deleted_at, ai.public, false AS draft, NULL::text AS reference, (me.start AT TIME ZONE 'Europe/Berlin')::date AS doc_date,
           ARRAY[me.organization_id] AS organization_ids, NULL::uuid AS paper_type_id, 'meeting'::text AS target_type, me.id AS target_id, og.name::text AS context INTO o
      FROM agenda_items ai
      JOIN meetings me ON me.tenant_id = ai.tenant_id AND me.id = ai.meeting_id
      JOIN organizations og ON og.tenant_id = me.tenant_id AND og.id = me.organization_id
     WHERE ai.id = f.agenda_item_id;
    v_owner := FOUND;
  END IF;
  IF NOT v_owner THEN
    PERFORM search_drop('file', p_id);
    RETURN;
  END IF;
  IF o.deleted_at IS NOT NULL THEN
    PERFORM search_drop('file', p_id);
    RETURN;
  END IF;
  PERFORM search_put(
    f.tenant_id, 'file', f.id, f.public AND o.public, f.name, coalesce(v_text, ''), o.reference, o.doc_date, o.organization_ids, o.paper_type_id,
    true, o.draft, o.target_type, o.target_id, o.context);
END $$;

-- One entry point for the application (papers.service re-indexes after originators change).
CREATE FUNCTION search_refresh(p_type text, p_id uuid) RETURNS void
  LANGUAGE plpgsql
  SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  CASE p_type
    WHEN 'paper' THEN PERFORM search_refresh_paper(p_id);
    WHEN 'meeting' THEN PERFORM search_refresh_meeting(p_id);
    WHEN 'agenda_item' THEN PERFORM search_refresh_agenda_item(p_id);
    WHEN 'file' THEN PERFORM search_refresh_file(p_id);
    ELSE RAISE EXCEPTION 'unknown search document type %', p_type USING ERRCODE = '22023';
  END CASE;
END $$;

-- ---------------------------------------------------------------------------------------------
-- Triggers: every write of a searchable row refreshes its document and the documents that
-- depend on it (visibility and filter columns), in the same transaction.
CREATE FUNCTION search_sync_papers() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  r record;
  v_id uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END;
BEGIN
  PERFORM search_refresh_paper(v_id);
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (OLD.public, OLD.status, OLD.deleted_at, OLD.reference, OLD.date, OLD.paper_type_id) IS DISTINCT FROM (NEW.public, NEW.status, NEW.deleted_at, NEW.reference, NEW.date, NEW.paper_type_id)) THEN
    FOR r IN SELECT id FROM files WHERE paper_id = v_id LOOP PERFORM search_refresh_file(r.id); END LOOP;
    FOR r IN SELECT ai.id FROM agenda_items ai JOIN consultations c ON c.tenant_id = ai.tenant_id AND c.id = ai.consultation_id WHERE c.paper_id = v_id LOOP
      PERFORM search_refresh_agenda_item(r.id);
    END LOOP;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION search_sync_consultations() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  r record;
  v_paper uuid;
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.paper_id, OLD.organization_id, OLD.deleted_at, OLD.position) IS NOT DISTINCT FROM (NEW.paper_id, NEW.organization_id, NEW.deleted_at, NEW.position) THEN
    RETURN NULL;
  END IF;
  FOREACH v_paper IN ARRAY ARRAY(SELECT DISTINCT x FROM unnest(ARRAY[CASE WHEN TG_OP <> 'INSERT' THEN OLD.paper_id END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.paper_id END]) AS x WHERE x IS NOT NULL) LOOP
    PERFORM search_refresh_paper(v_paper);
    FOR r IN SELECT id FROM files WHERE paper_id = v_paper LOOP PERFORM search_refresh_file(r.id); END LOOP;
  END LOOP;
  FOR r IN SELECT id FROM agenda_items WHERE consultation_id = (CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END) LOOP
    PERFORM search_refresh_agenda_item(r.id);
  END LOOP;
  RETURN NULL;
END $$;

CREATE FUNCTION search_sync_meetings() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  r record;
  v_id uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END;
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.name, OLD.start, OLD.organization_id, OLD.location_text, OLD.cancelled, OLD.cancelled_reason, OLD.deleted_at)
     IS NOT DISTINCT FROM (NEW.name, NEW.start, NEW.organization_id, NEW.location_text, NEW.cancelled, NEW.cancelled_reason, NEW.deleted_at) THEN
    RETURN NULL; -- live mode moves current_agenda_item_id etc. often: nothing searchable changed
  END IF;
  PERFORM search_refresh_meeting(v_id);
  IF TG_OP <> 'INSERT' AND (TG_OP = 'DELETE' OR (OLD.start, OLD.organization_id, OLD.deleted_at) IS DISTINCT FROM (NEW.start, NEW.organization_id, NEW.deleted_at)) THEN
    FOR r IN SELECT id FROM agenda_items WHERE meeting_id = v_id LOOP PERFORM search_refresh_agenda_item(r.id); END LOOP;
    FOR r IN SELECT f.id FROM files f WHERE f.meeting_id = v_id OR f.agenda_item_id IN (SELECT ai.id FROM agenda_items ai WHERE ai.meeting_id = v_id) LOOP
      PERFORM search_refresh_file(r.id);
    END LOOP;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION search_sync_agenda_items() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  r record;
  v_id uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END;
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.name, OLD.public, OLD.result, OLD.resolution_text, OLD.consultation_id, OLD.meeting_id, OLD.deleted_at)
     IS NOT DISTINCT FROM (NEW.name, NEW.public, NEW.result, NEW.resolution_text, NEW.consultation_id, NEW.meeting_id, NEW.deleted_at) THEN
    RETURN NULL; -- votes, order, live state: nothing searchable changed
  END IF;
  PERFORM search_refresh_agenda_item(v_id);
  IF TG_OP <> 'INSERT' AND (TG_OP = 'DELETE' OR (OLD.public, OLD.meeting_id, OLD.deleted_at) IS DISTINCT FROM (NEW.public, NEW.meeting_id, NEW.deleted_at)) THEN
    FOR r IN SELECT id FROM files WHERE agenda_item_id = v_id LOOP PERFORM search_refresh_file(r.id); END LOOP;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION search_sync_files() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  f record;
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.name, OLD.public, OLD.paper_id, OLD.meeting_id, OLD.agenda_item_id, OLD.current_version, OLD.deleted_at)
     IS NOT DISTINCT FROM (NEW.name, NEW.public, NEW.paper_id, NEW.meeting_id, NEW.agenda_item_id, NEW.current_version, NEW.deleted_at) THEN
    RETURN NULL;
  END IF;
  PERFORM search_refresh_file(CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
  -- the owners' has_files
  FOR f IN SELECT * FROM (SELECT OLD.paper_id AS paper_id, OLD.meeting_id AS meeting_id, OLD.agenda_item_id AS agenda_item_id WHERE TG_OP <> 'INSERT'
                          UNION SELECT NEW.paper_id, NEW.meeting_id, NEW.agenda_item_id WHERE TG_OP <> 'DELETE') x LOOP
    IF f.paper_id IS NOT NULL THEN PERFORM search_refresh_paper(f.paper_id); END IF;
    IF f.meeting_id IS NOT NULL THEN PERFORM search_refresh_meeting(f.meeting_id); END IF;
    IF f.agenda_item_id IS NOT NULL THEN PERFORM search_refresh_agenda_item(f.agenda_item_id); END IF;
  END LOOP;
  RETURN NULL;
END $$;

CREATE FUNCTION search_sync_file_versions() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.text IS NOT DISTINCT FROM NEW.text AND OLD.number = NEW.number THEN
    RETURN NULL; -- only the extracted text is searched
  END IF;
  PERFORM search_refresh_file(CASE WHEN TG_OP = 'DELETE' THEN OLD.file_id ELSE NEW.file_id END);
  RETURN NULL;
END $$;

CREATE TRIGGER "search_document" AFTER INSERT OR UPDATE OR DELETE ON "papers" FOR EACH ROW EXECUTE FUNCTION search_sync_papers();
CREATE TRIGGER "search_document" AFTER INSERT OR UPDATE OR DELETE ON "consultations" FOR EACH ROW EXECUTE FUNCTION search_sync_consultations();
CREATE TRIGGER "search_document" AFTER INSERT OR UPDATE OR DELETE ON "meetings" FOR EACH ROW EXECUTE FUNCTION search_sync_meetings();
CREATE TRIGGER "search_document" AFTER INSERT OR UPDATE OR DELETE ON "agenda_items" FOR EACH ROW EXECUTE FUNCTION search_sync_agenda_items();
CREATE TRIGGER "search_document" AFTER INSERT OR UPDATE OR DELETE ON "files" FOR EACH ROW EXECUTE FUNCTION search_sync_files();
CREATE TRIGGER "search_document" AFTER INSERT OR UPDATE OR DELETE ON "file_versions" FOR EACH ROW EXECUTE FUNCTION search_sync_file_versions();

REVOKE ALL ON FUNCTION search_put(uuid, text, uuid, boolean, text, text, text, date, uuid[], uuid, boolean, boolean, text, uuid, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION search_drop(text, uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION search_refresh_paper(uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION search_refresh_meeting(uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION search_refresh_agenda_item(uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION search_refresh_file(uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION search_refresh(text, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION search_put(uuid, text, uuid, boolean, text, text, text, date, uuid[], uuid, boolean, boolean, text, uuid, text) TO ratsinfo_app;
GRANT EXECUTE ON FUNCTION search_drop(text, uuid) TO ratsinfo_app;
GRANT EXECUTE ON FUNCTION search_refresh_paper(uuid) TO ratsinfo_app;
GRANT EXECUTE ON FUNCTION search_refresh_meeting(uuid) TO ratsinfo_app;
GRANT EXECUTE ON FUNCTION search_refresh_agenda_item(uuid) TO ratsinfo_app;
GRANT EXECUTE ON FUNCTION search_refresh_file(uuid) TO ratsinfo_app;
GRANT EXECUTE ON FUNCTION search_refresh(text, uuid) TO ratsinfo_app;

-- ---------------------------------------------------------------------------------------------
-- The query: German websearch syntax, every word (of 3+ letters, not a number) also as a prefix
-- (`Haushalt` finds `Haushaltssatzung`), and a reference-like query (`bv 123 2026`,
-- `0123/2026`) also as its reference words. Never raises: an unusable query matches nothing.
CREATE FUNCTION search_query(p_query text) RETURNS tsquery
  LANGUAGE plpgsql IMMUTABLE
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  q tsquery;
  r tsquery;
  t text;
BEGIN
  q := websearch_to_tsquery('german'::regconfig, coalesce(p_query, ''));
  BEGIN
    q := regexp_replace(q::text, '''([^'':0-9 ][^'': ]{2,})''', '''\1'':*', 'g')::tsquery;
  EXCEPTION WHEN others THEN
    NULL; -- keep the plain query
  END;
  t := btrim(lower(coalesce(p_query, '')));
  IF t ~ '^[[:alpha:]]{0,12}[[:space:]/.-]*[0-9]{1,9}([[:space:]/.-]+[0-9]{1,9}){0,3}$' THEN
    SELECT string_agg(quote_literal(CASE WHEN w ~ '^[0-9]+$' AND ltrim(w, '0') <> '' THEN ltrim(w, '0') ELSE w END), ' & ')::tsquery INTO r
      FROM regexp_split_to_table(t, '[^[:alnum:]]+') AS w WHERE w <> '';
    IF r IS NOT NULL THEN
      q := q || r;
    END IF;
  END IF;
  RETURN q;
END $$;
GRANT EXECUTE ON FUNCTION search_query(text) TO ratsinfo_app;

-- ---------------------------------------------------------------------------------------------
-- The search, v2 (ADR 0020). As v1 (ADR 0010): definer, tenant from the transaction, fixed
-- statement, so tenant and `@@` are GIN index conditions. Visibility:
--   p_public_only (portal; NULL counts as true): public documents only;
--   otherwise public ones, plus non-public ones that are no draft (or p_with_drafts) and belong
--   to an organization of p_scope_orgs (or p_scope_all): the member visibility rule, ADR 0013.
-- Ranking: 4 for a title hit, 3 for a reference hit on the paper itself, 2 for one on its
-- items and files, plus ts_rank/(ts_rank + 1) < 1 of title and reference; hits in the text only
-- rank below 1, newest first. So title > reference > body. Keyset after (rank, entity_type, entity_id). Snippets (ts_headline,
-- markers U+E000/U+E001, on the first 20,000 characters) only for the rows of the page.
CREATE FUNCTION search_tenant_documents_v2(
  p_query text, p_public_only boolean, p_scope_all boolean, p_scope_orgs uuid[], p_with_drafts boolean,
  p_entity_types text[], p_paper_type uuid, p_organization uuid, p_from date, p_to date, p_has_files boolean,
  p_after_rank real, p_after_type text, p_after_id uuid, p_limit integer
) RETURNS TABLE (
  entity_type text, entity_id uuid, rank real, public boolean, title text, reference text, doc_date date,
  target_type text, target_id uuid, context text, snippet text
)
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp
  -- plan with the call's values (filters that are NULL fold away), never a generic plan
  SET plan_cache_mode = force_custom_plan
AS $$
#variable_conflict use_column
DECLARE
  q tsquery := search_query(p_query);
  qa tsquery;
  lim integer := least(greatest(coalesce(p_limit, 20), 1), 101);
  opts text := format('StartSel=%s, StopSel=%s, MaxWords=28, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "', chr(57344), chr(57345));
BEGIN
  RETURN QUERY
  WITH hits AS (
    SELECT d.entity_type, d.entity_id, d.public, d.title, d.body, d.reference, d.doc_date, d.target_type, d.target_id, d.context,
           (CASE WHEN d.title_vector @@ q
                 THEN (CASE WHEN ts_filter(d.title_vector, '{a}') @@ q THEN 4 WHEN d.entity_type = 'paper' THEN 3 ELSE 2 END) + ts_rank(d.title_vector, q, 32)
                 -- text-only hits: the newer the better (ranking them by the text would read every match's whole vector)
                 ELSE least(greatest((coalesce(d.doc_date, date '1970-01-01') - date '1970-01-01') / 100000.0, 0), 0.999) END)::real AS rank
      FROM search_documents d
     WHERE d.tenant_id = app_current_tenant()
       AND d.search_vector @@ q
       AND (d.public OR (coalesce(p_public_only, true) IS FALSE AND (NOT d.draft OR coalesce(p_with_drafts, false))
                         AND (coalesce(p_scope_all, false) OR d.organization_ids && coalesce(p_scope_orgs, '{}'))))
       AND (p_entity_types IS NULL OR d.entity_type = ANY (p_entity_types))
       AND (p_paper_type IS NULL OR d.paper_type_id = p_paper_type)
       AND (p_organization IS NULL OR p_organization = ANY (d.organization_ids))
       AND (p_from IS NULL OR d.doc_date >= p_from)
       AND (p_to IS NULL OR d.doc_date <= p_to)
       AND (p_has_files IS NULL OR d.has_files = p_has_files)
  ), page AS (
    SELECT * FROM hits h
     WHERE p_after_rank IS NULL OR h.rank < p_after_rank OR (h.rank = p_after_rank AND (h.entity_type::text, h.entity_id) > (p_after_type, p_after_id))
     ORDER BY h.rank DESC, h.entity_type, h.entity_id
     LIMIT lim
  )
  SELECT p.entity_type::text, p.entity_id, p.rank, p.public, p.title::text, p.reference::text, p.doc_date, p.target_type::text, p.target_id, p.context,
         ts_headline('german'::regconfig, translate(CASE WHEN p.body = '' THEN p.title::text ELSE left(p.body, 20000) END, chr(57344) || chr(57345), ''), q, opts)
    FROM page p
   ORDER BY p.rank DESC, p.entity_type, p.entity_id;
END $$;

REVOKE ALL ON FUNCTION search_tenant_documents_v2(text, boolean, boolean, uuid[], boolean, text[], uuid, uuid, date, date, boolean, real, text, uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION search_tenant_documents_v2(text, boolean, boolean, uuid[], boolean, text[], uuid, uuid, date, date, boolean, real, text, uuid, integer) TO ratsinfo_app;

-- Documents for what exists already (the migration runs as the owner, under FORCE RLS: each
-- tenant's rows are written inside that tenant's context).
DO $$
DECLARE
  t record;
  r record;
BEGIN
  FOR t IN SELECT id FROM tenants LOOP
    PERFORM set_config('app.tenant_id', t.id::text, true);
    FOR r IN SELECT id FROM papers WHERE tenant_id = t.id LOOP PERFORM search_refresh_paper(r.id); END LOOP;
    FOR r IN SELECT id FROM meetings WHERE tenant_id = t.id LOOP PERFORM search_refresh_meeting(r.id); END LOOP;
    FOR r IN SELECT id FROM agenda_items WHERE tenant_id = t.id LOOP PERFORM search_refresh_agenda_item(r.id); END LOOP;
    FOR r IN SELECT id FROM files WHERE tenant_id = t.id LOOP PERFORM search_refresh_file(r.id); END LOOP;
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
END $$;
