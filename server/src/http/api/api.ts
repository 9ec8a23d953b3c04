// The JSON API under /api: every route is declared with its schemas (the OpenAPI document at
// /api/openapi.json is generated from the same declarations the handlers validate with).
import type { AppContext } from '../../context';
import { declareSecuritySchemes, newApiRouter } from './api-router';
import { authRoutes, authRoutesTable } from './auth.routes';
import { contextRoutes, contextRoutesTable } from './context.routes';
import { matchesRoutes, matchesRoutesTable } from './matches.routes';
import { matchingRoutes, matchingRoutesTable } from './matching.routes';
import { meRoutes, meRoutesTable } from './me.routes';
import { partnershipRoutes, partnershipRoutesTable } from './partnership.routes';
import { programDataRoutes, programDataRoutesTable } from './program-data.routes';
import { programsRoutes, programsRoutesTable } from './programs.routes';

/** Every API route, for the authorization matrix and the OpenAPI check. */
export const apiRouteTable = [
  ...authRoutesTable,
  ...contextRoutesTable,
  ...meRoutesTable,
  ...matchesRoutesTable,
  ...programsRoutesTable,
  ...programDataRoutesTable,
  ...matchingRoutesTable,
  ...partnershipRoutesTable,
];

export function createApi(ctx: AppContext) {
  const api = newApiRouter();
  api.route('/', authRoutes(ctx));
  api.route('/', contextRoutes(ctx));
  api.route('/', meRoutes(ctx));
  api.route('/', matchesRoutes(ctx));
  api.route('/', programsRoutes(ctx));
  api.route('/', programDataRoutes(ctx));
  api.route('/', matchingRoutes(ctx));
  api.route('/', partnershipRoutes(ctx));
  declareSecuritySchemes(api);
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Peerpost API', version: '0.1.0' },
    servers: [{ url: '/api' }],
  });
  return api;
}
