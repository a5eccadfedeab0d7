// The load generator's bare-TCP websocket client (tests/load/side-by-side/raw-socket.mjs) against
// a real `ws` server: if it misread a frame, every latency the raw listeners report would be wrong.
// Here because the unit project runs server/ and src/ specs only.
import { afterEach, describe, expect, it } from 'vitest';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { RawSocket } from '../tests/load/side-by-side/raw-socket.mjs';

let wss: WebSocketServer | null = null;

async function server(onConnection: (ws: WebSocket, headers: Record<string, string | string[] | undefined>) => void, verify?: () => boolean) {
	wss = new WebSocketServer({ port: 0, host: '127.0.0.1', verifyClient: verify ? (_info, cb) => cb(verify(), 403) : undefined });
	wss.on('connection', (ws, req) => onConnection(ws, req.headers));
	await once(wss, 'listening');
	return `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/room?x=1`;
}

const messages = (socket: RawSocket, count: number) =>
	new Promise<Buffer[]>((resolve) => {
		const got: Buffer[] = [];
		socket.on('message', (m: Buffer) => {
			got.push(Buffer.from(m));
			if (got.length === count) resolve(got);
		});
	});

/** Promise.withResolvers is Node 22; the project runs on 20 too. */
function deferred<T>() {
	let resolve!: (value: T) => void;
	const promise = new Promise<T>((r) => (resolve = r));
	return { promise, resolve };
}

afterEach(async () => {
	for (const c of wss?.clients ?? []) c.terminate();
	await new Promise((r) => (wss ? wss.close(r) : r(null)));
	wss = null;
});

describe('the load generator’s raw websocket', () => {
	it('receives binary frames of every length encoding, in order, and sends masked frames the server reads', async () => {
		const sizes = [0, 5, 125, 126, 300, 65535, 65536, 200_000];
		const fromClient = deferred<Buffer>();
		const url = await server((ws, headers) => {
			expect(headers.cookie).toBe('s=1');
			ws.on('message', (data) => fromClient.resolve(data as Buffer));
			for (const n of sizes) ws.send(Buffer.alloc(n, n % 251));
		});
		const socket = new RawSocket(url, { headers: { cookie: 's=1' } });
		socket.on('open', () => socket.send(Uint8Array.of(9, 8, 7)));
		const got = await messages(socket, sizes.length);
		expect(got.map((m) => m.length)).toEqual(sizes);
		for (const [i, n] of sizes.entries()) expect(got[i].every((b) => b === n % 251)).toBe(true);
		expect([...(await fromClient.promise)]).toEqual([9, 8, 7]);
		socket.terminate();
	});

	it('joins a fragmented message and answers a ping with a pong', async () => {
		const pong = deferred<Buffer>();
		const url = await server((ws) => {
			ws.on('pong', (data) => pong.resolve(data));
			ws.send(Buffer.from('ab'), { fin: false, binary: true });
			ws.send(Buffer.from('cd'), { fin: true, binary: true });
			ws.ping(Buffer.from('are you there'));
		});
		const socket = new RawSocket(url);
		const [joined] = await messages(socket, 1);
		expect(joined.toString()).toBe('abcd');
		expect((await pong.promise).toString()).toBe('are you there');
		socket.terminate();
	});

	it('reports a refused upgrade with its status, and a close by the server', async () => {
		const refusedUrl = await server(() => {}, () => false);
		const refused = new RawSocket(refusedUrl);
		const [, res] = await once(refused, 'unexpected-response');
		expect(res.statusCode).toBe(403);
		await new Promise((r) => wss!.close(r));

		const url = await server((ws) => ws.close(1000, 'bye'));
		const socket = new RawSocket(url);
		await once(socket, 'close');
		expect(socket.readyState).toBe(3);
	});
});
