/** Paths of the HTTP API, shared by the API (controllers) and the web app (clients). */
export const ApiRoutes = {
  /** Active member authorities of the cooperative (public). */
  portalTenants: '/api/tenants',
  /** Public client configuration (identity provider URL, realm, client id). */
  webConfig: '/api/config',
  portalTenant: (slug: string) => `/api/portal/${encodeURIComponent(slug)}`,
  portalOrganizations: (slug: string) => `/api/portal/${encodeURIComponent(slug)}/organizations`,
  portalPersons: (slug: string) => `/api/portal/${encodeURIComponent(slug)}/persons`,
  portalMeetings: (slug: string) => `/api/portal/${encodeURIComponent(slug)}/meetings`,
  portalMeeting: (slug: string, id: string) =>
    `/api/portal/${encodeURIComponent(slug)}/meetings/${encodeURIComponent(id)}`,
  /** The member authorities where the signed-in person has a role (any verified token). */
  meAuthorities: '/api/me/authorities',
  // Back office of one member authority (signed in, tenant roles).
  officeSession: (slug: string) => `/api/office/${encodeURIComponent(slug)}/session`,
  officeMeeting: (slug: string, id: string) => `/api/office/${encodeURIComponent(slug)}/meetings/${encodeURIComponent(id)}`,
  officeUsers: (slug: string) => `/api/office/${encodeURIComponent(slug)}/users`,
  officeUserRoles: (slug: string, userId: string) => `/api/office/${encodeURIComponent(slug)}/users/${encodeURIComponent(userId)}/roles`,
  officeUserPerson: (slug: string, userId: string) => `/api/office/${encodeURIComponent(slug)}/users/${encodeURIComponent(userId)}/person`,
  officeUserInvitation: (slug: string, userId: string) => `/api/office/${encodeURIComponent(slug)}/users/${encodeURIComponent(userId)}/invitation`,
  officeSupportAccess: (slug: string) => `/api/office/${encodeURIComponent(slug)}/support-access`,
  officeSupportAccessGrant: (slug: string, id: string) => `/api/office/${encodeURIComponent(slug)}/support-access/${encodeURIComponent(id)}`,
  officeAudit: (slug: string) => `/api/office/${encodeURIComponent(slug)}/audit`,
  officeSettings: (slug: string) => `/api/office/${encodeURIComponent(slug)}/settings`,
  officeExport: (slug: string) => `/api/office/${encodeURIComponent(slug)}/export`,
  // Operator console (cooperative staff).
  operatorSession: '/api/operator/session',
  operatorTenants: '/api/operator/tenants',
  operatorTenant: (id: string) => `/api/operator/tenants/${encodeURIComponent(id)}`,
  operatorTenantProvisioning: (id: string) => `/api/operator/tenants/${encodeURIComponent(id)}/provisioning`,
  operatorTenantSuspend: (id: string) => `/api/operator/tenants/${encodeURIComponent(id)}/suspend`,
  operatorTenantReactivate: (id: string) => `/api/operator/tenants/${encodeURIComponent(id)}/reactivate`,
  operatorTenantInvitation: (id: string) => `/api/operator/tenants/${encodeURIComponent(id)}/invitation`,
  operatorTenantExport: (id: string) => `/api/operator/tenants/${encodeURIComponent(id)}/export`,
  operatorAudit: '/api/operator/audit',
} as const;
