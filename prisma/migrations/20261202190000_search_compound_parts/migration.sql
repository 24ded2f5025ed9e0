-- Search: German compound words found by an inner part (issue 10: „Satzung“ finds
-- „Haushaltssatzung“, „Promenade“ finds „Uferpromenade“). PostgreSQL has no German decompounding
-- without a dictionary, so every word of 8+ letters in a TITLE also indexes its endings from the
-- third letter on, down to 4 letters, marked with `zz` (`zzsatzung`, `zzatzung`, …), umlauts and ß
-- folded as the German stemmer folds them. A query word of 4+ letters also matches those endings
-- as a prefix (`zzsatzung:*`), so the part may sit anywhere in the compound. Titles only: they are
-- short (the index grows by a few dozen terms per document); text in bodies is found by its words
-- and their prefixes (docs/adr/0020-search-v2.md, section "Compound words").

CREATE FUNCTION search_compound_parts(p_title text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
AS $$
  SELECT coalesce(string_agg('zz' || substr(w, i), ' '), '')
    FROM (SELECT DISTINCT translate(replace(lower(m[1]), 'ß', 'ss'), 'äöü', 'aou') AS w
            FROM regexp_matches(coalesce(p_title, ''), '([[:alpha:]]{8,})', 'g') AS m) AS words,
         generate_series(3, length(w) - 3) AS i
$$;

-- contract: the generated vectors are dropped and added again with the same names in this
-- migration (an old api reads them the same way; only their contents grow).
DROP INDEX "search_documents_tenant_id_search_vector_idx";
ALTER TABLE "search_documents" DROP COLUMN "search_vector";
ALTER TABLE "search_documents" DROP COLUMN "title_vector";
ALTER TABLE "search_documents" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('german'::regconfig, "title"), 'A')
  || setweight(to_tsvector('simple'::regconfig, search_compound_parts("title")), 'A')
  || setweight(to_tsvector('simple'::regconfig, search_reference_terms("reference")), 'B')
  || setweight(to_tsvector('german'::regconfig, "body"), 'C')
) STORED;
CREATE INDEX "search_documents_tenant_id_search_vector_idx" ON "search_documents" USING GIN ("tenant_id", "search_vector");
ALTER TABLE "search_documents" ADD COLUMN "title_vector" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('german'::regconfig, "title"), 'A')
  || setweight(to_tsvector('simple'::regconfig, search_compound_parts("title")), 'A')
  || setweight(to_tsvector('simple'::regconfig, search_reference_terms("reference")), 'B')
) STORED;

CREATE OR REPLACE FUNCTION search_query(p_query text) RETURNS tsquery
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
    -- 4+ letters: also inside a compound (`zz` + the word, see search_compound_parts); 3 letters: as a prefix only.
    q := regexp_replace(
           regexp_replace(q::text, '''([^'':0-9 ][^'': ]{3,})''', '( ''\1'':* | ''zz\1'':* )', 'g'),
           '''([^'':0-9 ][^'': ]{2})''', '''\1'':*', 'g')::tsquery;
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

-- The search triggers' functions: fired by PostgreSQL whoever writes (firing checks no EXECUTE),
-- never called by anyone (as every trigger function here, ADR 0003).
REVOKE ALL ON FUNCTION search_sync_papers() FROM PUBLIC;
REVOKE ALL ON FUNCTION search_sync_consultations() FROM PUBLIC;
REVOKE ALL ON FUNCTION search_sync_meetings() FROM PUBLIC;
REVOKE ALL ON FUNCTION search_sync_agenda_items() FROM PUBLIC;
REVOKE ALL ON FUNCTION search_sync_files() FROM PUBLIC;
REVOKE ALL ON FUNCTION search_sync_file_versions() FROM PUBLIC;
