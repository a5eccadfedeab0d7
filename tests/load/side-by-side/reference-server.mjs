#!/usr/bin/env node
// The reference y-websocket server, as its package ships it: @y/websocket-server's
// setupWSConnection on a ws 8 server, one document per path, no persistence (YPERSISTENCE is
// unset), no authentication. PORT from the environment; any HTTP request answers 200 (readiness).
import http from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

delete process.env.YPERSISTENCE;
const port = Number(process.env.PORT);
const server = http.createServer((_req, res) => res.end('ok'));
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);
server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
