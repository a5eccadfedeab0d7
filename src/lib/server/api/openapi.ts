import { toJsonSchema, type JsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { version } from '../../../../package.json';
import { API_PROBLEMS } from './problem.js';
import { ENDPOINTS, type Endpoint } from './endpoints.js';

/**
 * The OpenAPI 3.1 description of /api/v1 (issue 15), generated from api/endpoints.ts and the very
 * valibot schemas that validate the requests, so the description cannot drift from what the routes
 * accept. Built once per process: it changes only with the code.
 *
 * Query and body schemas are converted as their *input* (what a caller sends: `limit` is a string of
 * digits before the schema turns it into a number); responses as their *output*. Conversion throws on
 * any schema it cannot express (errorMode stays 'throw'), so a new schema the converter does not
 * know fails the unit test instead of being silently described as "anything".
 */
export type OpenApiDocument = {
	openapi: '3.1.0';
	info: { title: string; version: string; description: string };
	servers: { url: string }[];
	tags: { name: string; description: string }[];
	paths: Record<string, Record<string, Operation>>;
	components: Record<string, Record<string, unknown>>;
	security: Record<string, string[]>[];
};

export type Parameter = { name: string; in: 'query' | 'path' | 'header'; required: boolean; description?: string; schema: JsonSchema };

export type Operation = {
	operationId: string;
	summary: string;
	description: string;
	tags: string[];
	security: Record<string, string[]>[];
	'x-scopes': string[];
	parameters: (Parameter | { $ref: string })[];
	requestBody?: { required: true; content: Record<string, { schema: JsonSchema }> };
	responses: Record<string, unknown>;
};

/** This document's own address: it is public, described too, and needs no token. */
export const OPENAPI_PATH = '/openapi.json';

export const TAGS: Record<Endpoint['tag'], string> = {
	me: 'The caller: who the token speaks for and what it may do',
	boards: 'Boards (cooperation groups) the caller reads',
	meetings: 'Meetings with their agenda, decisions and attendance',
	protocols: 'Protocols (minutes): their state and their exports',
	actions: 'Actions: what an agency promised to do, and how it went',
	decisions: 'Decisions recorded under agenda items',
	asks: 'Asks: members ask a board for an agenda item or an action'
};

const FILE_TYPES: Record<string, string> = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	md: 'text/markdown'
};

const convert = (schema: v.GenericSchema, typeMode: 'input' | 'output'): JsonSchema => {
	const { $schema: _dialect, ...json } = toJsonSchema(schema, { target: 'draft-2020-12', typeMode });
	return json;
};

const problemSchema = {
	type: 'object',
	description: 'RFC 9457 problem details; title and detail in the language of Accept-Language (sv, en or da).',
	properties: {
		type: { type: 'string', pattern: '^urn:samtavla:problem:[a-z-]+$', description: 'What went wrong, as a URN (no page behind it).' },
		title: { type: 'string' },
		status: { type: 'integer' },
		detail: { type: 'string' }
	},
	required: ['type', 'title', 'status', 'detail']
};

const validationProblemSchema = {
	type: 'object',
	description: 'A 422: the problem details plus each field that was refused.',
	properties: {
		...problemSchema.properties,
		errors: {
			type: 'array',
			items: {
				type: 'object',
				properties: {
					field: { type: 'string', description: 'The query parameter or body field; `_form` for the request as a whole.' },
					code: { type: 'string', description: 'A stable error code (a message key).' },
					message: { type: 'string', description: 'The error in the caller’s language.' }
				},
				required: ['field', 'code', 'message']
			}
		}
	},
	required: [...problemSchema.required, 'errors']
};

const limitHeaders = { RateLimit: { $ref: '#/components/headers/RateLimit' }, 'RateLimit-Policy': { $ref: '#/components/headers/RateLimit-Policy' } };

const problemResponse = (description: string, schema = 'Problem', headers: Record<string, unknown> = {}) => ({
	description,
	headers: { ...limitHeaders, ...headers },
	content: { 'application/problem+json': { schema: { $ref: `#/components/schemas/${schema}` } } }
});

const components = {
	securitySchemes: {
		bearer: {
			type: 'http',
			scheme: 'bearer',
			bearerFormat: 'stv_ followed by 32 characters',
			description: 'A personal access token made under Your account → Access tokens for the API (/account/tokens), sent as `Authorization: Bearer stv_…`. The session cookie does not count under /api/v1.'
		}
	},
	schemas: { Problem: problemSchema, ValidationProblem: validationProblemSchema },
	headers: {
		RateLimit: { description: 'What is left of the token’s allowance and when it refills (IETF RateLimit header fields).', schema: { type: 'string' } },
		'RateLimit-Policy': { description: 'The token’s allowance: requests per window.', schema: { type: 'string' } },
		ETag: { description: 'A weak entity tag of the answer; send it back in If-None-Match to get 304 when nothing changed.', schema: { type: 'string' } },
		'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer' } },
		'WWW-Authenticate': { description: 'The Bearer challenge (RFC 6750).', schema: { type: 'string' } }
	},
	parameters: {
		IfNoneMatch: {
			name: 'If-None-Match',
			in: 'header',
			required: false,
			description: 'An ETag from an earlier answer: 304 without a body when the answer would be the same.',
			schema: { type: 'string' }
		}
	},
	responses: {
		NotModified: { description: 'Not modified: the answer has the ETag sent in If-None-Match.', headers: { ...limitHeaders, ETag: { $ref: '#/components/headers/ETag' } } },
		Unauthorized: problemResponse('No token, or a malformed, unknown, expired or revoked one.', 'Problem', { 'WWW-Authenticate': { $ref: '#/components/headers/WWW-Authenticate' } }),
		Forbidden: problemResponse('The token lacks the scope, or this operation is not for this kind of token.'),
		NotFound: problemResponse('No such resource, or one the token does not read.'),
		InvalidRequest: problemResponse('The query or the body was refused; `errors` names each field.', 'ValidationProblem'),
		RateLimited: problemResponse('Too many requests with this token.', 'Problem', { 'Retry-After': { $ref: '#/components/headers/Retry-After' } }),
		Unavailable: problemResponse('The database cannot be reached just now.', 'Problem', { 'Retry-After': { $ref: '#/components/headers/Retry-After' } })
	}
};

const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });

function parameters(endpoint: Endpoint): (Parameter | { $ref: string })[] {
	const path: Parameter[] = [...endpoint.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
	const query: Parameter[] = [];
	if (endpoint.query) {
		const json = convert(endpoint.query, 'input');
		const required = new Set(json.required ?? []);
		for (const [name, schema] of Object.entries(json.properties ?? {})) query.push({ name, in: 'query', required: required.has(name), schema: schema as JsonSchema });
	}
	return [...path, ...query, ...(endpoint.method === 'GET' ? [{ $ref: '#/components/parameters/IfNoneMatch' }] : [])];
}

function success(endpoint: Endpoint) {
	const headers: Record<string, unknown> = { ...limitHeaders };
	if (endpoint.response === 'file') {
		const suffix = /\.(\w+)$/.exec(endpoint.path)?.[1] ?? '';
		const type = FILE_TYPES[suffix];
		if (!type) throw new Error(`${endpoint.id}: a file download needs a known suffix (.pdf, .docx, .md), not "${endpoint.path}"`);
		return { description: `The protocol as ${type}.`, headers, content: { [type]: {} } };
	}
	if (endpoint.method === 'GET') headers.ETag = { $ref: '#/components/headers/ETag' };
	return { description: endpoint.status === 201 ? 'Made.' : 'OK.', headers, content: { 'application/json': { schema: convert(endpoint.response, 'output') } } };
}

function operation(endpoint: Endpoint): Operation {
	const responses: Record<string, unknown> = { [String(endpoint.status ?? 200)]: success(endpoint) };
	if (endpoint.method === 'GET' && endpoint.response !== 'file') responses['304'] = ref('NotModified');
	responses['401'] = ref('Unauthorized');
	responses['403'] = ref('Forbidden');
	if (endpoint.path.includes('{')) responses['404'] = ref('NotFound');
	if (endpoint.query || endpoint.body) responses['422'] = ref('InvalidRequest');
	responses['429'] = ref('RateLimited');
	responses['503'] = ref('Unavailable');
	const op: Operation = {
		operationId: endpoint.id,
		summary: endpoint.summary,
		description: `Needs a token with the scope \`${endpoint.scope}\`${endpoint.personal ? ', and a personal token (not a board token)' : ''}.`,
		tags: [endpoint.tag],
		// OpenAPI lists scopes only for OAuth2 and OpenID Connect; for http bearer they go in x-scopes.
		security: [{ bearer: [] }],
		'x-scopes': [endpoint.scope],
		parameters: parameters(endpoint),
		responses
	};
	if (endpoint.body) op.requestBody = { required: true, content: { 'application/json': { schema: convert(endpoint.body, 'input') } } };
	return op;
}

/** The description of this document's own route: public, no token, no rate limit. */
const selfOperation = {
	operationId: 'getOpenApi',
	summary: 'This description, as OpenAPI 3.1',
	description: 'Public: needs no token.',
	tags: ['meta'],
	security: [],
	parameters: [],
	responses: {
		'200': { description: 'OK.', headers: { ETag: { $ref: '#/components/headers/ETag' } }, content: { 'application/json': { schema: { type: 'object', properties: { openapi: { const: '3.1.0' }, info: { type: 'object' }, paths: { type: 'object' } }, required: ['openapi', 'info', 'paths'], additionalProperties: true } } } },
		'304': { description: 'Not modified.' }
	}
};

function build(): OpenApiDocument {
	const paths: OpenApiDocument['paths'] = {};
	for (const endpoint of ENDPOINTS) {
		const method = endpoint.method.toLowerCase();
		paths[endpoint.path] ??= {};
		if (paths[endpoint.path][method]) throw new Error(`two operations for ${endpoint.method} ${endpoint.path}`);
		paths[endpoint.path][method] = operation(endpoint);
	}
	paths[OPENAPI_PATH] = { get: selfOperation as unknown as Operation };
	const statuses = Object.entries(API_PROBLEMS)
		.map(([kind, status]) => `\`${kind}\` (${status})`)
		.join(', ');
	return {
		openapi: '3.1.0',
		info: {
			title: 'Samtavla API',
			version,
			description:
				'The JSON API of Samtavla. Every request carries `Authorization: Bearer stv_…` (a token made under /account/tokens). ' +
				'Lists answer `{items, next}`: `limit` (1–200, 50 by default) per page, and `next` is the address of the following page, or null on the last. ' +
				'GETs carry a weak ETag and answer 304 to If-None-Match. Every answer carries RateLimit and RateLimit-Policy headers; over the limit it is 429. ' +
				`Errors are RFC 9457 problem details (application/problem+json) whose type is urn:samtavla:problem:<kind>, with the kinds ${statuses}, and unauthorized (401) as token-missing, token-malformed or token-invalid.`
		},
		servers: [{ url: '/api/v1' }],
		tags: [...Object.entries(TAGS).map(([name, description]) => ({ name, description })), { name: 'meta', description: 'About the API itself' }],
		paths,
		components,
		security: [{ bearer: [] }]
	};
}

let cached: OpenApiDocument | undefined;
/** The document, built on first use. */
export function openApiDocument(): OpenApiDocument {
	return (cached ??= build());
}
