#!/usr/bin/env node
// Hocuspocus 3.4.4 as its quick start runs it: the package's own Server, no extensions (no
// authentication, no storage). PORT from the environment; its HTTP answer is the readiness check.
import { Server } from '@hocuspocus/server';

const server = new Server({ port: Number(process.env.PORT), address: '127.0.0.1', quiet: true, stopOnSignals: true });
await server.listen();
