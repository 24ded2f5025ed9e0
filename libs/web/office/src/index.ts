export { officeRoutes } from './lib/office.routes';
