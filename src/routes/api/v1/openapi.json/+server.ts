import { openApiDocument } from '$lib/server/api/openapi';
import { openApiResponse } from '$lib/server/web/openapi-response';
import type { RequestHandler } from './$types';

/** The OpenAPI 3.1 description of /api/v1 (issue 15): public documentation, no token (hooks.server.ts lets this path through). */
export const GET: RequestHandler = ({ request }) => openApiResponse(request, openApiDocument());
