import * as v from 'valibot';
import { ANSWER_OUTCOMES, type AdjustmentState } from './adjustment.js';

/**
 * The justering as the store keeps it (meetings.adjustment, jsonb) back into the domain's state.
 * Only the server writes that column, but what it reads back is still checked: a row edited by
 * hand, or written by a future version, must give "no justering" rather than wrong rights.
 */
const Id = v.string();
const Instant = v.string();

const ApprovalSchema = v.object({ by: Id, at: Instant, version: v.string(), withdrawnAt: v.nullable(Instant) });
const AnswerSchema = v.object({ outcome: v.picklist(ANSWER_OUTCOMES), reason: v.string(), by: Id, at: Instant });
const ObjectionSchema = v.object({
	id: v.string(),
	by: Id,
	at: Instant,
	version: v.string(),
	itemId: v.nullable(v.string()),
	problem: v.string(),
	suggestion: v.string(),
	answer: v.nullable(AnswerSchema)
});
const AdjustmentSchema = v.object({
	chairId: v.nullable(Id),
	secretaryId: v.nullable(Id),
	appointment: v.nullable(v.object({ adjusterIds: v.array(Id), dueDate: v.string(), by: Id, at: Instant })),
	approvals: v.array(ApprovalSchema),
	objections: v.array(ObjectionSchema)
});

/** The stored justering, or null when there is none or it does not have the shape the domain writes. */
export function readAdjustment(value: unknown): AdjustmentState | null {
	if (value === null || value === undefined) return null;
	const parsed = v.safeParse(AdjustmentSchema, value);
	return parsed.success ? parsed.output : null;
}
