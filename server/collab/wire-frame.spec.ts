import { afterEach, describe, expect, it } from 'vitest';
import { Sender, WebSocket, WebSocketServer } from 'ws';
import { binaryFrame, corkableSocket, directSocket, RecentFrames } from './wire-frame';

const SIZES = [0, 1, 125, 126, 127, 65535, 65536, 70000];

function payloadOf(size: number, seed: number): Uint8Array {
	return Uint8Array.from({ length: size }, (_, i) => (i * 31 + seed) & 0xff);
}

describe('binaryFrame', () => {
	it.each(SIZES)('is the bytes ws frames a %i-byte binary payload into', (size) => {
		const payload = payloadOf(size, size);
		const ws = Buffer.concat(Sender.frame(Buffer.from(payload), { fin: true, opcode: 2, mask: false, readOnly: true, rsv1: false } as never));
		expect(binaryFrame(payload).equals(ws)).toBe(true);
	});
});

describe('RecentFrames', () => {
	it('frames a payload once while it is among the last few, by identity, not by content', () => {
		const frames = new RecentFrames(2);
		const a = payloadOf(10, 1);
		const b = payloadOf(10, 2);
		const same = payloadOf(10, 1);
		const first = frames.frameOf(a);
		expect(frames.frameOf(a)).toBe(first);
		expect(frames.frameOf(b)).not.toBe(first);
		expect(frames.frameOf(a)).toBe(first);
		const other = frames.frameOf(same); // equal bytes, another array: framed again (evicts b)
		expect(other).not.toBe(first);
		expect(other.equals(first)).toBe(true);
		expect(frames.frameOf(b).subarray(2)).toEqual(Buffer.from(b));
	});
});

describe('directSocket with a real ws pair', () => {
	const closers: (() => void)[] = [];
	afterEach(() => {
		while (closers.length) closers.pop()!();
	});

	async function pair(options: ConstructorParameters<typeof WebSocketServer>[0] = {}, clientOptions = {}) {
		const server = new WebSocketServer({ port: 0, ...options });
		closers.push(() => server.close());
		await new Promise((resolve) => server.once('listening', resolve));
		const accepted = new Promise<WebSocket>((resolve) => server.once('connection', resolve));
		const client = new WebSocket(`ws://127.0.0.1:${(server.address() as { port: number }).port}`, clientOptions);
		closers.push(() => client.terminate());
		client.binaryType = 'nodebuffer';
		await new Promise((resolve) => client.once('open', resolve));
		return { socket: await accepted, client };
	}

	it('delivers frames written directly and through ws.send, in the order written', async () => {
		const { socket, client } = await pair();
		const received: Buffer[] = [];
		const all = new Promise<void>((resolve) =>
			client.on('message', (data: Buffer) => {
				received.push(data);
				if (received.length === SIZES.length * 2) resolve();
			})
		);
		const sent: Uint8Array[] = [];
		for (const size of SIZES) {
			const direct = payloadOf(size, 7);
			const viaWs = payloadOf(size, 9);
			const raw = directSocket(socket);
			expect(raw).not.toBeNull();
			expect(corkableSocket(socket)).toBe(raw);
			raw!.write(binaryFrame(direct), () => {});
			socket.send(viaWs);
			sent.push(direct, viaWs);
		}
		await all;
		expect(received.map((b) => Buffer.from(b).toString('hex'))).toEqual(sent.map((b) => Buffer.from(b).toString('hex')));
	});

	it('is null once compression is negotiated, and for what is not a ws socket', async () => {
		const { socket } = await pair({ perMessageDeflate: true }, { perMessageDeflate: true });
		expect(socket.extensions).toContain('permessage-deflate');
		expect(directSocket(socket)).toBeNull();
		expect(directSocket({ send() {} } as unknown as WebSocket)).toBeNull();
		expect(corkableSocket({ send() {} } as unknown as WebSocket)).toBeUndefined();
	});
});
