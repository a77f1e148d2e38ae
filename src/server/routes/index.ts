/** Every route module registers here (one line each). */
import type { RouteModule } from '../context'
import { datasetRoutes } from './datasets'
import { tradeRoutes } from './trade'

export const ROUTES: RouteModule[] = [datasetRoutes, tradeRoutes]
