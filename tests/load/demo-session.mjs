// What both benchmarks do against a seeded demo: sign in through the real form and find the
// demo board's first meeting through the real pages.

/** Signs in at `base` and returns the session cookie (`samtavla_session=…`). */
export async function signIn(base, email) {
	const res = await fetch(base + '/signin', {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password: 'tavla-i-åsby-2026' })
	});
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('samtavla_session='));
	if (!cookie) throw new Error(`sign-in at ${base} failed (${res.status})`);
	return cookie.split(';')[0];
}

/** The id of the first meeting on the person's first board. */
export async function meetingId(base, cookie) {
	const boards = await (await fetch(base + '/boards', { headers: { cookie } })).text();
	const boardId = /\/boards\/([a-z0-9]+)/.exec(boards)?.[1];
	if (!boardId) throw new Error('no board found for the demo owner');
	const board = await (await fetch(`${base}/boards/${boardId}`, { headers: { cookie } })).text();
	const id = /\/meetings\/([a-z0-9]+)/.exec(board)?.[1];
	if (!id) throw new Error('no meeting found on the demo board');
	return id;
}
