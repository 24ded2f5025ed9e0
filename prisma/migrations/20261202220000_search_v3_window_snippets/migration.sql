-- Search v3 (issue 10, docs/adr/0020-search-v2.md, section "Speed"): the same hits, ranking,
-- filters and keyset as v2, cheaper per search.
--
-- 1. The title vector stays in the row. With the body and the search vector of a document with
--    file text the row outgrows the page's TOAST threshold, and PostgreSQL moved the title vector
--    out of line too; ranking then read it from the TOAST table for every hit (four buffers each:
--    a word in 15,000 documents cost 380 ms). STORAGE MAIN keeps it compressed in the row.
-- 2. No ts_headline. It parsed and stemmed the whole text of every hit on the page (up to 20,000
--    characters; 3/4 of a search's CPU over the bench data). v3 returns a window of 480
--    characters of the text, starting a little before the first query word it contains, and the
--    query's lexemes (`terms`); the API marks the words in the window (search.service.ts).
--
-- v2 stays for an api of the previous release during a rolling update (ADR 0022: expand now,
-- drop v2 in a later release).

-- contract: the generated title vector is dropped and added again with the same name and the
-- same expression in this migration (an old api reads it the same way; only its storage changes).
ALTER TABLE "search_documents" DROP COLUMN "title_vector";
ALTER TABLE "search_documents"
  ADD COLUMN "title_vector" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('german'::regconfig, "title"), 'A')
    || setweight(to_tsvector('simple'::regconfig, search_compound_parts("title")), 'A')
    || setweight(to_tsvector('simple'::regconfig, search_reference_terms("reference")), 'B')
  ) STORED,
  ALTER COLUMN "title_vector" SET STORAGE MAIN;

-- The part of a document's text a snippet is cut from: the whole text up to 480 characters,
-- else 480 characters starting 160 before the first place where one of p_starts occurs in the
-- text folded as the German stemmer folds it (lower case, ä→a, ö→o, ü→u, ß→ss; a leading space
-- marks the start of a word), with "… " and " …" where it was cut. Without a place in the first
-- 20,000 characters (the part ts_headline read): the start.
CREATE FUNCTION search_snippet_window(p_text text, p_starts text[]) RETURNS text
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  folded text;
  w text;
  i integer;
  first integer;
  s integer;
BEGIN
  IF length(p_text) <= 480 THEN
    RETURN p_text;
  END IF;
  folded := ' ' || replace(replace(replace(replace(replace(replace(lower(left(p_text, 20000)), E'\n', ' '), E'\t', ' '), 'ß', 'ss'), 'ä', 'a'), 'ö', 'o'), 'ü', 'u');
  FOREACH w IN ARRAY coalesce(p_starts, '{}') LOOP
    i := strpos(folded, w);
    IF i > 0 AND (first IS NULL OR i < first) THEN
      first := i;
    END IF;
  END LOOP;
  s := greatest(coalesce(first, 1) - 160, 1);
  IF s = 1 THEN
    RETURN left(p_text, 480) || ' …';
  END IF;
  RETURN '… ' || substr(p_text, s, 480) || CASE WHEN s + 480 <= length(p_text) THEN ' …' ELSE '' END;
END $$;

CREATE FUNCTION search_tenant_documents_v3(
  p_query text, p_public_only boolean, p_scope_all boolean, p_scope_orgs uuid[], p_with_drafts boolean,
  p_entity_types text[], p_paper_type uuid, p_organization uuid, p_from date, p_to date, p_has_files boolean,
  p_after_rank real, p_after_type text, p_after_id uuid, p_limit integer
) RETURNS TABLE (
  entity_type text, entity_id uuid, rank real, public boolean, title text, reference text, doc_date date,
  target_type text, target_id uuid, context text, snippet text, terms text[]
)
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp
  -- plan with the call's values (filters that are NULL fold away), never a generic plan
  SET plan_cache_mode = force_custom_plan
AS $$
#variable_conflict use_column
DECLARE
  q tsquery := search_query(p_query);
  lim integer := least(greatest(coalesce(p_limit, 20), 1), 101);
  -- the query's lexemes as search_query made them: `zz…` for a part inside a compound
  lexemes text[] := ARRAY(SELECT DISTINCT m[1] FROM regexp_matches(q::text, '''([^'']+)''', 'g') AS m);
  -- where a snippet may start: a word beginning with a lexeme, or (zz) a compound containing it
  starts text[] := ARRAY(SELECT DISTINCT CASE WHEN l LIKE 'zz%' THEN substr(l, 3) ELSE ' ' || l END
                           FROM unnest(lexemes) AS l WHERE l ~ '^[[:alnum:]]{2,}$');
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
         search_snippet_window(CASE WHEN p.body = '' THEN p.title::text ELSE p.body END, starts), lexemes
    FROM page p
   ORDER BY p.rank DESC, p.entity_type, p.entity_id;
END $$;

REVOKE ALL ON FUNCTION search_snippet_window(text, text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION search_tenant_documents_v3(text, boolean, boolean, uuid[], boolean, text[], uuid, uuid, date, date, boolean, real, text, uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION search_tenant_documents_v3(text, boolean, boolean, uuid[], boolean, text[], uuid, uuid, date, date, boolean, real, text, uuid, integer) TO ratsinfo_app;
