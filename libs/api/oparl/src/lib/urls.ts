/**
 * The ids of OParl objects are their URLs. One builder makes all of them, following the layout
 * OParl tooling expects (/bodies/{body}/{list}/{id}; /work/shared/oparl/LAYOUT.md), under the
 * configured public base URL (validators refuse localhost ids).
 */
export type OParlList = 'organizations' | 'persons' | 'meetings' | 'papers' | 'memberships' | 'locations' | 'agendaItems' | 'legislativeTerms' | 'consultations' | 'files';

export interface OParlUrls {
  body(): string;
  /** An object list of the body, e.g. `…/bodies/moeckern/meetings`. */
  list(list: OParlList): string;
  object(list: OParlList, id: string): string;
}

export const OPARL_SCHEMA = 'https://schema.oparl.org/1.1';

export function oparlUrls(publicBaseUrl: string, bodyId: string): OParlUrls {
  const body = `${publicBaseUrl.replace(/\/$/, '')}/oparl/v1.1/bodies/${encodeURIComponent(bodyId)}`;
  return {
    body: () => body,
    list: (list) => `${body}/${list}`,
    object: (list, id) => `${body}/${list}/${encodeURIComponent(id)}`,
  };
}
