import { describe, expect, it } from 'vitest';
import type { Store } from '../store/types';
import { register, webhooksPage } from './webhooks';

/** The service's own checks, on a store that records what reached it (the store contract covers the store). */
function fakeStore() {
	const created: unknown[] = [];
	const store = {
		webhooks: {
			listForBoard: async () => [],
			deliveries: async () => [],
			create: async (w: unknown) => void created.push(w)
		}
	} as unknown as Store;
	return { store, created };
}
const config = (allowedHosts: string[]) => ({ webhooks: { allowedHosts, allowPrivate: false, retryBaseMs: 60_000 } });
const access = (role: 'owner' | 'editor') => ({ user: { id: 'u1' }, board: { id: 'b1', name: 'Tavlan' }, role }) as Parameters<typeof register>[1];
const form = { url: 'https://hooks.example.org/in', events: ['action.created'], description: '' };

describe('webhooks service', () => {
	it('with WEBHOOK_ALLOWED_HOSTS empty the page says webhooks are off and registering is refused', async () => {
		const { store, created } = fakeStore();
		expect(await webhooksPage({ store, config: config([]) }, access('owner'))).toMatchObject({ enabled: false, webhooks: [] });
		expect(await register({ store, config: config([]) }, access('owner'), form)).toEqual({ ok: false, errors: { _form: 'webhooks_error_off' }, params: undefined });
		expect(created).toEqual([]);
	});

	it('only an owner registers; the secret comes back once, and is what the store keeps', async () => {
		const { store, created } = fakeStore();
		const deps = { store, config: config(['hooks.example.org']) };
		expect(await register(deps, access('editor'), form)).toMatchObject({ ok: false, errors: { _form: 'webhooks_error_not_owner' } });
		const made = await register(deps, access('owner'), form);
		expect(made.ok && made.value.secret).toMatch(/^whsec_/);
		expect(created).toEqual([expect.objectContaining({ boardId: 'b1', url: 'https://hooks.example.org/in', events: ['action.created'], active: true, secret: made.ok && made.value.secret })]);
		expect(await register(deps, access('owner'), { ...form, url: 'https://127.0.0.1/in' })).toMatchObject({ ok: false, errors: { url: 'webhooks_error_host' } });
		expect(await register(deps, access('owner'), { ...form, events: [] })).toMatchObject({ ok: false, errors: { events: 'webhooks_error_events' } });
	});
});
