/**
 * Every Redis key and channel Samtavla uses, in one place. Document names are `kind:id[:part]`
 * (doc-names.ts); braces keep one document's keys in one Redis Cluster hash slot, so the Lua
 * scripts that touch several of them stay legal there too.
 */
const PREFIX = 'samtavla';

export const keys = {
	/** The document's update stream: every accepted update, from every instance, in order. */
	stream: (doc: string) => `${PREFIX}:{${doc}}:updates`,
	/** Stream id up to which the writer has stored the stream in the database. */
	persisted: (doc: string) => `${PREFIX}:{${doc}}:persisted`,
	/** The write lease: which instance writes the document's update log and snapshots. */
	lease: (doc: string) => `${PREFIX}:{${doc}}:lease`,
	/** Pub/sub channel for the document's awareness (presence, cursors); never stored. */
	awareness: (doc: string) => `${PREFIX}:{${doc}}:awareness`,
	/** Pub/sub channel for what every instance must do to its sockets (sign-out, role change). */
	control: `${PREFIX}:control`
};
