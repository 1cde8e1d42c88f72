// Floor reference: a worker exposing one trivial function through comlink's Node adapter.
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { parentPort } from 'node:worker_threads';

Comlink.expose({ echo: (x) => x }, nodeEndpoint(parentPort));
