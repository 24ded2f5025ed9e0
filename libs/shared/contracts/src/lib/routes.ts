/** Paths of the HTTP API, shared by the API (controllers) and the web app (clients). */
export const ApiRoutes = {
  /** Active member authorities of the cooperative (public). */
  portalTenants: '/api/tenants',
  portalTenant: (slug: string) => `/api/portal/${encodeURIComponent(slug)}`,
  portalOrganizations: (slug: string) => `/api/portal/${encodeURIComponent(slug)}/organizations`,
  portalPersons: (slug: string) => `/api/portal/${encodeURIComponent(slug)}/persons`,
  portalMeetings: (slug: string) => `/api/portal/${encodeURIComponent(slug)}/meetings`,
  portalMeeting: (slug: string, id: string) =>
    `/api/portal/${encodeURIComponent(slug)}/meetings/${encodeURIComponent(id)}`,
} as const;
