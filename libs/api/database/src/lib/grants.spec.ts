import { connect, testEnv } from '@ratsinfo/api-testing';
import type { Client } from 'pg';

/**
 * Everything the application role may do, held against an explicit allow-list. A new table,
 * function or grant fails this test until someone decides it here, in review: a privilege is a
 * decision, never an accident. (Adding a stray `GRANT … TO ratsinfo_app` makes it fail.)
 */
const APP_ROLE = 'ratsinfo_app';

/** table → privileges of the application role (SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER). */
const TABLE_PRIVILEGES: Record<string, string[]> = {
  tenants: ['SELECT'],
  cooperative_audit_events: ['INSERT', 'SELECT'],
  organizations: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
  persons: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
  memberships: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
  meetings: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
  agenda_items: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
  user_accounts: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
  support_access_grants: ['INSERT', 'SELECT', 'UPDATE'],
  audit_events: ['INSERT', 'SELECT'],
  // ADR 0009: writers append in their tenant transaction; the relay works through the functions.
  outbox_events: ['INSERT', 'SELECT'],
  // ADR 0010: the index is written by the app; searched through search_tenant_documents().
  search_documents: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
  legislative_terms: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
  locations: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
  paper_types: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
  paper_number_counters: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
  papers: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
  paper_originator_persons: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
  paper_originator_organizations: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
  paper_relations: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
  consultations: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
  files: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
  file_versions: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
  mail_messages: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
  meeting_guests: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
  absence_notices: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
  meeting_attendances: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
  named_votes: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
  vote_conflicts: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
  resolutions: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
  resolution_notes: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
  annotations: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
  meeting_bundles: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
  tenant_exports: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
};

/** Functions in the public schema the application role may execute. */
const EXECUTABLE_FUNCTIONS = [
  'app_current_account()',
  'app_current_tenant()',
  'app_tenant_delete(uuid,text)',
  'app_tenant_mark_exported(uuid)',
  'app_tenant_register(text,text,tenant_kind,text,integer,text,text,boolean,text,text,jsonb)',
  'app_tenant_save_onboarding(uuid,jsonb,text)',
  'app_tenant_set_mail_settings(text,text,text,integer)',
  'app_tenant_set_notice_settings(integer,integer)',
  'app_tenant_set_oparl_license(text)',
  'app_tenant_set_member_visibility(member_visibility)',
  'app_tenant_set_status(uuid,tenant_status)',
  'outbox_claim(integer,text,interval)',
  'outbox_complete(uuid,text)',
  'outbox_counts()',
  'outbox_dead_letters(integer,timestamp with time zone,uuid)',
  'outbox_fail(uuid,text,text,integer)',
  'outbox_purge(interval)',
  'outbox_release(uuid,text)',
  'outbox_retry(uuid)',
  'search_tenant_documents(text,boolean,text[],integer,integer)',
  // ADR 0020: the search index is written under RLS by invoker functions (the features' triggers
  // and the papers service call them); the immutable helpers build the generated vectors and the query.
  'search_compound_parts(text)',
  'search_drop(text,uuid)',
  'search_put(uuid,text,uuid,boolean,text,text,text,date,uuid[],uuid,boolean,boolean,text,uuid,text)',
  'search_query(text)',
  'search_reference_terms(text)',
  'search_refresh(text,uuid)',
  'search_refresh_agenda_item(uuid)',
  'search_refresh_file(uuid)',
  'search_refresh_meeting(uuid)',
  'search_refresh_paper(uuid)',
  'search_tenant_documents_v2(text,boolean,boolean,uuid[],boolean,text[],uuid,uuid,date,date,boolean,real,text,uuid,integer)',
  'search_tenant_documents_v3(text,boolean,boolean,uuid[],boolean,text[],uuid,uuid,date,date,boolean,real,text,uuid,integer)',
];

let app: Client;

beforeAll(async () => {
  app = await connect(testEnv().databaseUrl);
});

afterAll(async () => {
  await app.end();
});

describe('grants of the application role', () => {
  it('on tables and views are exactly the allow-list', async () => {
    const { rows } = await app.query<{ relname: string; privileges: string[] }>(
      `SELECT c.relname, array(SELECT p FROM unnest(ARRAY['SELECT','INSERT','UPDATE','DELETE','TRUNCATE','REFERENCES','TRIGGER']) p
                                 WHERE has_table_privilege($1, c.oid, p) ORDER BY 1) AS privileges
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')`,
      [APP_ROLE],
    );
    const actual = Object.fromEntries(rows.filter((r) => r.privileges.length > 0).map((r) => [r.relname, r.privileges]));
    const expected = Object.fromEntries(Object.entries(TABLE_PRIVILEGES).map(([t, p]) => [t, [...p].sort()]));
    expect(actual).toEqual(expected);
  });

  it('on columns add nothing beyond the table grants', async () => {
    const { rows } = await app.query<{ table_name: string; column_name: string; privilege_type: string }>(
      `SELECT table_name, column_name, privilege_type FROM information_schema.column_privileges
        WHERE grantee IN ($1, 'PUBLIC') AND table_schema = 'public'`,
      [APP_ROLE],
    );
    const beyond = rows.filter((r) => !(TABLE_PRIVILEGES[r.table_name] ?? []).includes(r.privilege_type));
    expect(beyond).toEqual([]);
  });

  it('on sequences are none', async () => {
    const { rows } = await app.query<{ relname: string }>(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'S'
          AND (has_sequence_privilege($1, c.oid, 'USAGE') OR has_sequence_privilege($1, c.oid, 'UPDATE') OR has_sequence_privilege($1, c.oid, 'SELECT'))`,
      [APP_ROLE],
    );
    expect(rows).toEqual([]);
  });

  it('on functions are exactly the allow-list (nothing executable through PUBLIC by default)', async () => {
    const { rows } = await app.query<{ sig: string }>(
      `SELECT p.proname || '(' || coalesce((SELECT string_agg(format_type(t, NULL), ',' ORDER BY i)
                                  FROM unnest(p.proargtypes) WITH ORDINALITY AS a(t, i)), '') || ')' AS sig
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND p.prokind IN ('f', 'p') AND has_function_privilege($1, p.oid, 'EXECUTE')
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
        ORDER BY 1`,
      [APP_ROLE],
    );
    expect(rows.map((r) => r.sig.replace(/character varying/g, 'varchar'))).toEqual([...EXECUTABLE_FUNCTIONS].sort());
  });

  it('on the schema and database are usage and connect only', async () => {
    const { rows } = await app.query(
      `SELECT has_schema_privilege($1, 'public', 'USAGE') AS usage, has_schema_privilege($1, 'public', 'CREATE') AS "create",
              has_database_privilege($1, current_database(), 'CONNECT') AS connect,
              has_database_privilege($1, current_database(), 'CREATE') AS create_schema,
              has_database_privilege($1, current_database(), 'TEMP') AS temp`,
      [APP_ROLE],
    );
    expect(rows[0]).toEqual({ usage: true, create: false, connect: true, create_schema: false, temp: false });
  });
});
