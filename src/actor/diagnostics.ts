// Lines a real peer prints about its network, beside the protocol's own (src/core/lines.ts): what a user needs to
// tell a dead peer from one at a wrong address, an unresolvable name, or another ring secret.
import type { PeerLine } from '../core/lines.ts';
import type { PeerId } from '../core/ring.ts';

export const diagnostics = {
  hostUnresolved: (host: string, error: string): PeerLine => ({
    event: 'address.unresolved',
    text: `Host ${host} cannot be resolved (${error}): peers at it cannot be reached until it resolves again`,
    host,
    error,
  }),
  hostResolved: (host: string): PeerLine => ({
    event: 'address.resolved',
    text: `Host ${host} resolves again`,
    host,
  }),
  /** Said once per peer: its datagrams arrive, but none with this ring's seal. */
  unauthenticated: (peer: PeerId, host: string, port: number): PeerLine => ({
    event: 'peer.unauthenticated',
    text: `Peer ${peer} (${host}:${port}) sends only messages this peer cannot authenticate: it has another ring secret, or none (check --secret-file)`,
    from: peer,
    host,
    port,
  }),
};
