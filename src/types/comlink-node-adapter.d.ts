// comlink ships this adapter's types as node-adapter.d.ts, which TypeScript does not pair with the .mjs file.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  import type { Endpoint } from 'comlink';

  export interface NodeEndpoint {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Worker and MessagePort both fit
    postMessage(message: any, transfer?: any): void;
    on(type: string, listener: (...args: any[]) => void): void;
    off(type: string, listener: (...args: any[]) => void): void;
    start?: () => void;
  }
  export default function nodeEndpoint(nep: NodeEndpoint): Endpoint;
}
