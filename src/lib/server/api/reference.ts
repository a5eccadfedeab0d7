import type { JsonSchema } from '@valibot/to-json-schema';
import { ENDPOINTS, type Endpoint } from './endpoints.js';
import { TAGS, openApiDocument, type Parameter } from './openapi.js';

/**
 * The reference page's data (/api, issue 15), read from the generated OpenAPI document so the page
 * shows exactly what /api/v1/openapi.json says: plain rows of fields, no schemas, for a page that
 * renders without JavaScript and never imports server code.
 */
export interface FieldRow {
	/** Dotted path; `[]` marks the items of a list (`items[].title`). */
	name: string;
	/** JSON types joined with `|`, e.g. `string | null`; a format in parentheses. */
	type: string;
	required: boolean;
	/** The allowed values, when the schema lists them. */
	values: string[];
	default: string | null;
}

export interface RefOperation {
	id: string;
	method: string;
	path: string;
	scope: string;
	personal: boolean;
	status: number;
	pathParams: string[];
	query: FieldRow[];
	body: FieldRow[];
	response: FieldRow[];
	/** The media type of a download, instead of response fields. */
	file: string | null;
}

export interface RefTag {
	tag: Endpoint['tag'];
	operations: RefOperation[];
}

const typeOf = (schema: JsonSchema): string => {
	if (schema.anyOf) return schema.anyOf.map((s) => typeOf(s as JsonSchema)).join(' | ');
	if ('const' in schema) return JSON.stringify(schema.const);
	const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'any');
	if (type === 'array') return `array of ${typeOf((schema.items ?? {}) as JsonSchema)}`;
	return schema.format ? `${type} (${schema.format})` : type;
};

const valuesOf = (schema: JsonSchema): string[] => {
	if (schema.enum) return schema.enum.map(String);
	if (schema.anyOf) return schema.anyOf.flatMap((s) => valuesOf(s as JsonSchema));
	return [];
};

/** The object a schema describes, looking through `| null` and lists. */
const objectIn = (schema: JsonSchema): { schema: JsonSchema; suffix: string } | null => {
	if (schema.type === 'object' && schema.properties) return { schema, suffix: '' };
	if (schema.type === 'array' && schema.items) {
		const inner = objectIn(schema.items as JsonSchema);
		return inner && { schema: inner.schema, suffix: '[]' + inner.suffix };
	}
	if (schema.anyOf) {
		for (const option of schema.anyOf) {
			const inner = objectIn(option as JsonSchema);
			if (inner) return inner;
		}
	}
	return null;
};

/** Every field of an object schema, nested ones after their parent, as rows. */
export function fieldRows(schema: JsonSchema | undefined, prefix = ''): FieldRow[] {
	if (!schema?.properties) return [];
	const required = new Set(schema.required ?? []);
	return Object.entries(schema.properties).flatMap(([key, value]) => {
		const field = value as JsonSchema;
		const name = prefix + key;
		const row: FieldRow = { name, type: typeOf(field), required: required.has(key), values: valuesOf(field), default: field.default === undefined ? null : field.default === '' ? '""' : String(field.default) };
		const inner = objectIn(field);
		return [row, ...(inner ? fieldRows(inner.schema, `${name}${inner.suffix}.`) : [])];
	});
}

type DocOperation = {
	parameters: (Parameter | { $ref: string })[];
	requestBody?: { content: Record<string, { schema: JsonSchema }> };
	responses: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
};

export function apiReference(): RefTag[] {
	const doc = openApiDocument();
	const operations = ENDPOINTS.map((endpoint): RefOperation => {
		const op = doc.paths[endpoint.path][endpoint.method.toLowerCase()] as unknown as DocOperation;
		const status = endpoint.status ?? 200;
		const content = op.responses[String(status)].content ?? {};
		const json = content['application/json']?.schema;
		const params = op.parameters.filter((p): p is Parameter => 'name' in p);
		return {
			id: endpoint.id,
			method: endpoint.method,
			path: '/api/v1' + endpoint.path,
			scope: endpoint.scope,
			personal: endpoint.personal ?? false,
			status,
			pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
			query: params.filter((p) => p.in === 'query').map((p) => ({ ...fieldRows({ type: 'object', properties: { [p.name]: p.schema }, required: p.required ? [p.name] : [] })[0] })),
			body: fieldRows(op.requestBody?.content['application/json'].schema),
			response: fieldRows(json),
			file: json ? null : (Object.keys(content)[0] ?? null)
		};
	});
	return (Object.keys(TAGS) as Endpoint['tag'][]).map((tag) => ({ tag, operations: operations.filter((op) => ENDPOINTS.find((e) => e.id === op.id)!.tag === tag) }));
}
