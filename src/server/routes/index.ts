/** Every route module registers here (one line each). */
import type { RouteModule } from '../context'
import { alertRoutes } from './alerts'
import { controlsRoutes } from './controls'
import { datasetRoutes } from './datasets'
import { exposureRoutes } from './exposure'
import { respondRoutes } from './respond'
import { simulateRoutes } from './simulate'
import { tradeRoutes } from './trade'

export const ROUTES: RouteModule[] = [
  datasetRoutes,
  tradeRoutes,
  alertRoutes,
  exposureRoutes,
  respondRoutes,
  controlsRoutes,
  simulateRoutes,
]
