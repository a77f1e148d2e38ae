/** Every route module registers here (one line each). */
import type { RouteModule } from '../context'
import { datasetRoutes } from './datasets'

export const ROUTES: RouteModule[] = [datasetRoutes]
