import * as v from 'valibot';
import { hasControlChars } from '../../domain/control-chars.js';
import { newId } from '../../domain/ids.js';
import type { BoardRole } from '../../domain/roles.js';
import { NewWebhookSchema, WEBHOOK_DELIVERIES_SHOWN, WEBHOOK_EVENTS, WEBHOOK_TEST_EVENT, WEBHOOKS_PER_BOARD } from '../../domain/webhooks.js';
import type { ErrorKey } from '../../domain/error-keys.js';
import type { Config } from '../config.js';
import type { Board, Store, User } from '../store/types.js';
import type { DeliveryState } from '../store/webhook-types.js';
import { urlRefusal } from '../webhooks/address.js';
import { webhookBody, webhooksQueued } from '../webhooks/emit.js';
import { newWebhookSecret } from '../webhooks/sign.js';
import { fail, ok, type Result } from './result.js';

/**
 * A board's webhooks (issue 15, point 4), for its owners only: register (the secret is returned
 * this once), list with the latest deliveries, pause and resume, delete, send a test. The routes
 * check the owner role too (403); these check it again so no other caller can skip it.
 */
export interface WebhookAccess {
	user: User;
	board: Board;
	role: BoardRole;
}
type Deps = { store: Store; config: Pick<Config, 'webhooks'> };

const policy = (config: Deps['config']) => ({ allowedHosts: config.webhooks.allowedHosts, allowPrivate: config.webhooks.allowPrivate });

export interface DeliveryView {
	id: string;
	eventType: string;
	createdAt: string;
	attempts: number;
	state: DeliveryState;
	nextAttemptAt: string;
	lastStatus: number | null;
	lastError: string | null;
}

export async function webhooksPage({ store, config }: Deps, access: WebhookAccess) {
	const list = access.role === 'owner' ? await store.webhooks.listForBoard(access.board.id) : [];
	const webhooks = await Promise.all(
		list.map(async (w) => ({
			id: w.id,
			url: w.url,
			description: w.description,
			events: w.events,
			active: w.active,
			createdAt: w.createdAt.toISOString(),
			deliveries: (await store.webhooks.deliveries(w.id, WEBHOOK_DELIVERIES_SHOWN)).map(
				(d): DeliveryView => ({
					id: d.id,
					eventType: d.eventType,
					createdAt: d.createdAt.toISOString(),
					attempts: d.attempts,
					state: d.state,
					nextAttemptAt: d.nextAttemptAt.toISOString(),
					lastStatus: d.lastStatus,
					lastError: d.lastError
				})
			)
		}))
	);
	return {
		board: { id: access.board.id, name: access.board.name },
		enabled: config.webhooks.allowedHosts.length > 0,
		httpsOnly: !config.webhooks.allowPrivate,
		events: [...WEBHOOK_EVENTS],
		max: WEBHOOKS_PER_BOARD,
		webhooks
	};
}

const notOwner = () => fail({ _form: 'webhooks_error_not_owner' });
/** A webhook id from a form: anything that cannot be one (a NUL would fail in PostgreSQL) is simply not found. */
const plausibleId = (id: string) => id.length > 0 && id.length <= 64 && !hasControlChars(id);
const notFound = () => fail({ _form: 'webhooks_error_not_found' });

export async function register(
	{ store, config }: Deps,
	access: WebhookAccess,
	raw: { url: unknown; events: unknown; description: unknown },
	now = new Date()
): Promise<Result<{ id: string; secret: string }>> {
	if (access.role !== 'owner') return notOwner();
	const parsed = v.safeParse(NewWebhookSchema, raw);
	if (!parsed.success) {
		const errors: Record<string, ErrorKey> = {};
		for (const issue of parsed.issues) {
			const field = String(issue.path?.[0]?.key ?? '_form');
			errors[field] ??= issue.message as ErrorKey;
		}
		return fail(errors);
	}
	const input = parsed.output;
	if (input.events.length === 0) return fail({ events: 'webhooks_error_events' });
	const refusal = urlRefusal(input.url, policy(config));
	if (refusal) return fail(refusal === 'webhooks_error_off' ? { _form: refusal } : { url: refusal });
	if ((await store.webhooks.listForBoard(access.board.id)).length >= WEBHOOKS_PER_BOARD) return fail({ _form: 'webhooks_error_too_many' });
	const id = newId();
	const secret = newWebhookSecret();
	await store.webhooks.create({ id, boardId: access.board.id, url: input.url, description: input.description, events: input.events, active: true, createdAt: now, secret });
	return ok({ id, secret });
}

export async function setActive({ store }: Deps, access: WebhookAccess, webhookId: string, active: boolean): Promise<Result<{ active: boolean }>> {
	if (access.role !== 'owner') return notOwner();
	if (!plausibleId(webhookId)) return notFound();
	return (await store.webhooks.setActive(webhookId, access.board.id, active)) ? ok({ active }) : notFound();
}

export async function remove({ store }: Deps, access: WebhookAccess, webhookId: string): Promise<Result<true>> {
	if (access.role !== 'owner') return notOwner();
	if (!plausibleId(webhookId)) return notFound();
	return (await store.webhooks.remove(webhookId, access.board.id)) ? ok(true) : notFound();
}

/** A `webhook.test` delivery to this webhook alone (a paused webhook gets it when resumed, as every delivery). */
export async function sendTest({ store }: Deps, access: WebhookAccess, webhookId: string, now = new Date()): Promise<Result<true>> {
	if (access.role !== 'owner') return notOwner();
	const own = (await store.webhooks.listForBoard(access.board.id)).find((w) => w.id === webhookId);
	if (!own) return notFound();
	await store.webhooks.enqueue(access.board.id, WEBHOOK_TEST_EVENT, webhookBody(WEBHOOK_TEST_EVENT, { boardId: access.board.id, webhookId }, now), { webhookId });
	webhooksQueued();
	return ok(true);
}
