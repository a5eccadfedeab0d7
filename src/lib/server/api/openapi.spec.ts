import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { ENDPOINTS } from './endpoints';
import { OPENAPI_PATH, openApiDocument } from './openapi';

/**
 * The OpenAPI description (issue 15): valid OpenAPI 3.1 by the official schema, one operation per
 * ENDPOINTS entry, and exactly the operations the route files under src/routes/api/v1 serve.
 */
const doc = openApiDocument();
const METHODS = ['get', 'post', 'patch', 'put', 'delete'] as const;
const described = Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((method) => item[method]).map((method) => ({ path, method, op: item[method] })));

const v1 = join(import.meta.dirname, '../../../routes/api/v1');
function routeFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? routeFiles(path) : name === '+server.ts' ? [path] : [];
	});
}
/** Each exported handler of each route file, as `METHOD /path` with [param] written {param}. */
const served = routeFiles(v1).flatMap((file) => {
	const path = '/' + relative(v1, file).replace(/\/?\+server\.ts$/, '').replace(/\[(\w+)\]/g, '{$1}');
	const source = readFileSync(file, 'utf8');
	return [...source.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PATCH|PUT|DELETE)\b/g)].map(([, method]) => `${method} ${path === '/' ? '' : path}`);
});

describe('the OpenAPI description', () => {
	it('is valid OpenAPI 3.1 by the official schema', async () => {
		const validator = new Validator();
		const result = await validator.validate(structuredClone(doc));
		expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)).toEqual([]);
		expect(result.valid).toBe(true);
		expect(validator.version).toBe('3.1');
	});

	it('describes every ENDPOINTS entry exactly once, under its path and method', () => {
		for (const endpoint of ENDPOINTS) {
			const matches = described.filter(({ op }) => op.operationId === endpoint.id);
			expect(matches.map(({ path, method }) => `${method} ${path}`), endpoint.id).toEqual([`${endpoint.method.toLowerCase()} ${endpoint.path}`]);
		}
		const ids = described.map(({ op }) => op.operationId);
		expect(new Set(ids).size, 'operationIds are unique').toBe(ids.length);
	});

	it('describes exactly the operations the route files serve (the description itself included)', () => {
		const inDoc = described.map(({ path, method }) => `${method.toUpperCase()} ${path}`).sort();
		expect(served.length).toBeGreaterThan(10);
		expect(served.sort()).toEqual(inDoc);
		expect(inDoc).toContain(`GET ${OPENAPI_PATH}`);
	});

	it('describes query parameters as what a caller sends (strings), with their allowed values', () => {
		const params = doc.paths['/actions'].get.parameters;
		const byName = Object.fromEntries(params.filter((p) => 'name' in p).map((p) => [(p as { name: string }).name, p]));
		expect(byName.limit).toMatchObject({ in: 'query', required: false, schema: { type: 'string', default: '50' } });
		expect(byName.status).toMatchObject({ schema: { enum: expect.arrayContaining(['active', 'done']) } });
		expect(doc.paths['/boards/{boardId}/actions'].post.parameters).toContainEqual({ name: 'boardId', in: 'path', required: true, schema: { type: 'string' } });
	});

	it('has a response schema for each JSON answer and a media type for each download', () => {
		for (const endpoint of ENDPOINTS) {
			const op = doc.paths[endpoint.path][endpoint.method.toLowerCase()];
			const ok = op.responses[String(endpoint.status ?? 200)] as { content: Record<string, { schema?: unknown }> };
			if (endpoint.response === 'file') expect(Object.keys(ok.content), endpoint.id).toEqual([expect.stringMatching(/^(application\/pdf|application\/vnd\.openxml.*|text\/markdown)$/)]);
			else expect(ok.content['application/json'].schema, endpoint.id).toMatchObject({ type: 'object' });
			expect(op['x-scopes'], endpoint.id).toEqual([endpoint.scope]);
		}
	});
});
