export { portalRoutes } from './lib/portal.routes';
export { TenantContext } from './lib/tenant-context';
