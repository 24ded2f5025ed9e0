export { operatorRoutes } from './lib/operator.routes';
