// Loopback-only guard for the compared DHTs: any bind, send, connect or DNS lookup off 127.0.0.0/8 throws and is counted.
// Imported before the library, so a library that would reach for its public bootstrap nodes fails the run instead.
import dgram from 'node:dgram';
import dns from 'node:dns';
import { createRequire } from 'node:module';
import net from 'node:net';

const require = createRequire(import.meta.url);
export const violations = [];

const isLoopback = (host) => typeof host === 'string' && /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);

function refuse(what, host) {
  const message = `loopback guard: refused ${what} ${String(host)}`;
  violations.push(message);
  throw new Error(message);
}

// node:dgram (bittorrent-dht's k-rpc-socket). A send with no address goes to 127.0.0.1 or the connected peer.
const send = dgram.Socket.prototype.send;
dgram.Socket.prototype.send = function guardedSend(msg, ...rest) {
  for (const arg of rest) if (typeof arg === 'string' && !isLoopback(arg)) refuse('UDP send to', arg);
  return send.call(this, msg, ...rest);
};
const bind = dgram.Socket.prototype.bind;
dgram.Socket.prototype.bind = function guardedBind(...args) {
  const address =
    typeof args[0] === 'object' && args[0] !== null ? args[0].address : args.find((a) => typeof a === 'string');
  if (!isLoopback(address)) refuse('UDP bind on', address ?? '0.0.0.0');
  return bind.apply(this, args);
};
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const options =
    typeof args[0] === 'object' && args[0] !== null
      ? args[0]
      : { host: typeof args[1] === 'string' ? args[1] : 'localhost' };
  if (options.path === undefined && !isLoopback(options.host ?? '127.0.0.1')) refuse('TCP connect to', options.host);
  return connect.apply(this, args);
};
// node:dgram passes even literal addresses through dns.lookup; only loopback literals may go on.
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) {
  const original = dns[name];
  const originalPromise = dns.promises[name];
  dns[name] = function guardedLookup(host, ...rest) {
    if (!isLoopback(host)) refuse('DNS lookup of', host);
    return original.call(this, host, ...rest);
  };
  dns.promises[name] = async (host, ...rest) => {
    if (!isLoopback(host)) refuse('DNS lookup of', host);
    return originalPromise.call(dns.promises, host, ...rest);
  };
}

// udx-native (hyperdht's UDP): its own native sockets, outside node:dgram. Same module instance as hyperdht's (CJS cache).
const UdxSocket = require('udx-native/lib/socket.js');
const UdxStream = require('udx-native/lib/stream.js');
for (const method of ['send', 'trySend']) {
  const original = UdxSocket.prototype[method];
  UdxSocket.prototype[method] = function guarded(buffer, port, host, ttl) {
    if (!isLoopback(host ?? '127.0.0.1')) refuse(`UDX ${method} to`, host);
    return original.call(this, buffer, port, host, ttl);
  };
}
const udxBind = UdxSocket.prototype.bind;
UdxSocket.prototype.bind = function guardedBind(port, host) {
  if (!isLoopback(host)) refuse('UDX bind on', host ?? '0.0.0.0');
  return udxBind.call(this, port, host);
};
const udxConnect = UdxStream.prototype.connect;
UdxStream.prototype.connect = function guardedConnect(socket, remoteId, port, host, opts) {
  if (!isLoopback(host ?? '127.0.0.1')) refuse('UDX stream connect to', host);
  return udxConnect.call(this, socket, remoteId, port, host, opts);
};
