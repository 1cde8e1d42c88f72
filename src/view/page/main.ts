// The live view's page: follows the ring's event stream and draws it every animation frame.
import { timer } from 'd3-timer';
import type { ViewItem, ViewSnapshot } from '../protocol.ts';
import { type Frame, RingPainter } from './draw.ts';
import { RingModel } from './model.ts';
import { Panel } from './panel.ts';
import type { RingViewProbe } from './probe.ts';

const canvas = document.getElementById('ring') as HTMLCanvasElement;
const model = new RingModel(() => performance.now());
const painter = new RingPainter(canvas);
const panel = new Panel(model);
let frame: Frame = { peers: [], positions: new Map(), nodeRadius: 0 };

declare global {
  interface Window {
    /** What the page shows (probe.ts): the frame last drawn, not the stream. */
    ringView: RingViewProbe;
  }
}

let connected = false;
const connection = document.getElementById('connection')!;
// EventSource reconnects by itself; every (re)connection starts with a snapshot.
const events = new EventSource('/api/events');
events.onopen = () => {
  connected = true;
  document.body.dataset.connected = 'true';
  connection.textContent = `connected to ${location.host}`;
};
events.onerror = () => {
  connected = false;
  document.body.dataset.connected = 'false';
  connection.textContent = 'not connected: the ring process has ended, or is not reachable (retrying)';
};
events.onmessage = (message: MessageEvent<string>) => {
  for (const item of JSON.parse(message.data) as (ViewItem | ViewSnapshot)[]) model.apply(item);
};

canvas.addEventListener('click', (event) => {
  const rect = canvas.getBoundingClientRect();
  const x = event.clientX - rect.left;
  const y = event.clientY - rect.top;
  let best: number | undefined;
  let bestDistance = Math.max(12, frame.nodeRadius * 2);
  for (const [id, p] of frame.positions) {
    const d = Math.hypot(p.x - x, p.y - y);
    if (d < bestDistance) [best, bestDistance] = [id, d];
  }
  if (best !== undefined) panel.selected = best;
});

const layouts = [...document.querySelectorAll<HTMLButtonElement>('#layout button')];
function setLayout(layout: string | null): void {
  painter.layout = layout === 'even' || layout === 'id' ? layout : 'auto';
  for (const b of layouts) b.setAttribute('aria-pressed', String(b.dataset.layout === painter.layout));
  localStorage.setItem('ringdht.layout', painter.layout);
}
for (const b of layouts) b.addEventListener('click', () => setLayout(b.dataset.layout ?? null));
setLayout(new URLSearchParams(location.search).get('layout') ?? localStorage.getItem('ringdht.layout'));

new ResizeObserver(() => painter.resize()).observe(canvas);
painter.resize();

timer(() => {
  const now = performance.now();
  model.prune(now);
  frame = painter.draw(model, panel.selected, now);
  panel.update(frame);
});

window.ringView = {
  peers: () => frame.peers.map((p) => ({ id: p.id, state: p.state })),
  flights: () =>
    model.flights.map((f) => ({
      kind: f.kind,
      name: f.name,
      from: f.from,
      to: f.to,
      started: f.startsAt <= performance.now(),
      arrived: f.endsAt <= performance.now(),
      progress: Math.min(1, Math.max(0, (performance.now() - f.startsAt) / (f.endsAt - f.startsAt))),
    })),
  select: (id) => {
    panel.selected = id;
  },
  connected: () => connected,
};
