// The side panel: the peers (click to select), the selected peer's lists and files, the commands (store an upload,
// request and download, join, quit, kill) and the activity log.
import { select } from 'd3-selection';
import { COMMAND_HEADER, type ViewCommandResult } from '../protocol.ts';
import type { Frame } from './draw.ts';
import type { RingModel } from './model.ts';

const LOG_SHOWN = 200;

export class Panel {
  selected: number | undefined;
  private shownVersion = -1;
  private shownPeers = '';
  private shownSelected: number | undefined;
  /** The log keeps its newest line in sight until the user scrolls up, and again once they scroll back down. */
  private followLog = true;

  constructor(private readonly model: RingModel) {
    this.bindForms();
    const log = document.getElementById('log')!;
    log.addEventListener('scroll', () => {
      this.followLog = log.scrollTop + log.clientHeight >= log.scrollHeight - 8;
    });
  }

  /** Redraws what changed since the last frame (most frames: nothing). */
  update(frame: Frame): void {
    const peersKey = frame.peers.map((p) => `${p.id}:${p.state}`).join();
    if (this.selected === undefined || !frame.peers.some((p) => p.id === this.selected && p.state === 'local')) {
      const first = frame.peers.find((p) => p.state === 'local');
      if (first !== undefined && (this.selected === undefined || !this.model.peers.has(this.selected)))
        this.selected = first.id;
    }
    if (peersKey !== this.shownPeers || this.selected !== this.shownSelected) this.drawPeers(frame);
    if (this.model.version !== this.shownVersion || this.selected !== this.shownSelected) {
      this.drawSelected();
      this.drawLog();
    }
    this.shownPeers = peersKey;
    this.shownVersion = this.model.version;
    this.shownSelected = this.selected;
  }

  private drawPeers(frame: Frame): void {
    select('#peers')
      .selectAll('li')
      .data(
        frame.peers.filter((p) => p.state !== 'fading'),
        (d) => (d as { id: number }).id,
      )
      .join('li')
      .attr('data-peer', (d) => d.id)
      .attr('data-state', (d) => d.state)
      .classed('selected', (d) => d.id === this.selected)
      .text((d) => d.id)
      .on('click', (_event, d) => {
        this.selected = d.id;
      });
  }

  private drawSelected(): void {
    const id = this.selected;
    select('#selected-id').text(id ?? '–');
    const peer = id === undefined ? undefined : this.model.peers.get(id);
    const live = this.model.liveIds(performance.now()).sort((a, b) => a - b);
    const responsible = (key: number) => live.find((p) => p >= key) ?? live[0];
    const list = (ids: readonly (number | null)[]) => ids.map((p) => (p === null ? '?' : String(p))).join(', ') || '–';
    const rows: [string, string][] =
      peer === undefined
        ? [['', id === undefined ? 'no peer selected' : 'not in this process']]
        : [
            ['successors', list(peer.successors)],
            ['predecessors', list(peer.predecessors)],
            ...(peer.fingers === undefined
              ? []
              : ([['fingers', list([...new Set(peer.fingers)])]] as [string, string][])),
            [
              'files',
              peer.files
                .map((f) => `${f.name} (${bytes(f.sizeBytes)}${responsible(f.key) === peer.id ? '' : ', copy'})`)
                .join(', ') || 'none',
            ],
          ];
    select('#selected-details')
      .selectAll('div')
      .data(rows)
      .join((enter) => {
        const div = enter.append('div').style('display', 'contents');
        div.append('dt');
        div.append('dd');
        return div;
      })
      .call((div) => {
        div.select('dt').text((d) => d[0]);
        div.select('dd').text((d) => d[1]);
      });
  }

  private drawLog(): void {
    const log = document.getElementById('log')!;
    select(log)
      .selectAll('li')
      .data(this.model.log.slice(-LOG_SHOWN))
      .join((enter) => {
        const li = enter.append('li');
        li.append('b');
        li.append('span');
        return li;
      })
      .attr('class', (d) => d.kind)
      .call((li) => {
        li.select('b').text((d) => `[peer ${d.peer}] `);
        li.select('span').text((d) => d.text);
      });
    if (this.followLog) log.scrollTop = log.scrollHeight;
  }

  private bindForms(): void {
    const fileInput = document.getElementById('store-file') as HTMLInputElement;
    const nameInput = document.getElementById('store-name') as HTMLInputElement;
    fileInput.addEventListener('change', () => {
      const file = fileInput.files?.[0];
      // A name to start from: the file's, without a .pdf (the original stores 2067 from 2067.pdf).
      if (file !== undefined && nameInput.value === '') nameInput.value = file.name.replace(/\.pdf$/i, '');
    });
    form('store-form', async () => {
      const file = fileInput.files?.[0];
      if (file === undefined) throw new Error('choose a file to store first');
      const name = nameInput.value.trim();
      if (name === '') throw new Error('give the name to store it under');
      if (this.model.maxFileBytes > 0 && file.size > this.model.maxFileBytes)
        throw new Error(`${file.name} is ${bytes(file.size)}: files are at most ${bytes(this.model.maxFileBytes)}`);
      // The browser streams the file from disk: it is never read whole into the page.
      const result = await command('store', { peer: this.peer(), name }, file);
      return `store ${name} at Peer ${this.peer()}: stored at Peer ${result.holder} (${result.hops} hops)`;
    });
    form('request-form', async () => {
      const name = (document.getElementById('request-name') as HTMLInputElement).value.trim();
      if (name === '') throw new Error('give the name of the file to request');
      const peer = this.peer();
      const result = await command('request', { peer, name });
      const link = select('#download').html('').append('a');
      link
        .attr('href', result.download ?? '')
        .attr('download', name)
        .text(`Download ${name} (received at Peer ${peer})`);
      return `request ${name} at Peer ${peer}: Peer ${result.holder} had it (${result.hops} hops)`;
    });
    form('join-form', async () => {
      const id = (document.getElementById('join-id') as HTMLInputElement).value.trim();
      const via = this.peer();
      await command('join', { peer: id, via });
      return `Peer ${id} joined via Peer ${via}`;
    });
    button('quit', async () => {
      const peer = this.peer();
      await command('quit', { peer });
      return `Peer ${peer} departed`;
    });
    button('kill', async () => {
      const peer = this.peer();
      await command('kill', { peer });
      return `Peer ${peer} was killed: its neighbours will find out by its missed pings`;
    });
  }

  private peer(): number {
    if (this.selected === undefined || !this.model.peers.has(this.selected))
      throw new Error('select a peer of this process first');
    return this.selected;
  }
}

/** Sends a command to the server; a 4xx or a failed command throws its message. */
async function command(
  action: string,
  params: Record<string, string | number>,
  body?: Blob,
): Promise<ViewCommandResult> {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
  const response = await fetch(`/api/${action}?${query}`, {
    method: 'POST',
    headers: { [COMMAND_HEADER]: '1' },
    ...(body === undefined ? {} : { body }),
  });
  const result = (await response.json().catch(() => ({ ok: false, error: response.statusText }))) as ViewCommandResult;
  if (!response.ok || !result.ok) throw new Error(result.error ?? `${action} failed (${response.status})`);
  return result;
}

function say(text: string, error = false): void {
  const message = document.getElementById('message')!;
  message.textContent = text;
  message.classList.toggle('error', error);
}

async function run(work: () => Promise<string>): Promise<void> {
  say('…');
  try {
    say(await work());
  } catch (error) {
    say((error as Error).message, true);
  }
}

function form(id: string, work: () => Promise<string>): void {
  document.getElementById(id)!.addEventListener('submit', (event) => {
    event.preventDefault();
    void run(work);
  });
}

function button(id: string, work: () => Promise<string>): void {
  document.getElementById(id)!.addEventListener('click', () => void run(work));
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
