// Draws the ring on a canvas, one frame at a time: peers on a circle by id, successor and predecessor arrows, the
// selected peer's fingers, files and copies, hops and transfers moving, pulses. Canvas keeps 256 peers fluid.
import { easeCubicInOut } from 'd3-ease';
import { type DrawnPeer, type Flight, type RingModel, TRAIL_MS } from './model.ts';

export const COLORS = {
  background: '#0d1220',
  ring: '#26304a',
  tick: '#4b5878',
  local: '#2dd4bf',
  remote: '#94a3b8',
  dead: '#f87171',
  selected: '#facc15',
  successor: '125, 211, 252',
  predecessor: '244, 114, 182',
  finger: '#c084fc',
  file: '#fbbf24',
  store: '#fbbf24',
  request: '#60a5fa',
  transfer: '#34d399',
  copy: '#a78bfa',
  join: '#f472b6',
  label: '#cbd5e1',
} as const;

interface Point {
  x: number;
  y: number;
}

export interface Frame {
  peers: DrawnPeer[];
  /** Where each drawn peer is, in CSS pixels of the canvas (for clicks). */
  positions: Map<number, Point>;
  nodeRadius: number;
}

export class RingPainter {
  private cx = 0;
  private cy = 0;
  private radius = 0;
  private space = 256;
  /** Spread evenly: each drawn peer's place in id order (by id: empty). */
  private rank = new Map<number, number>();
  /**
   * 'id': each peer at its id, as the ring is; 'even': in id order, evenly spaced (readable when ids bunch); 'auto':
   * by id unless the peers leave more than half the circle empty.
   */
  layout: 'auto' | 'id' | 'even' = 'auto';
  /** What 'auto' chose in the last frame. */
  shown: 'id' | 'even' = 'id';

  constructor(private readonly canvas: HTMLCanvasElement) {}

  /** Matches the canvas's pixels to its size on screen (and the screen's pixel ratio). */
  resize(): void {
    const ratio = window.devicePixelRatio || 1;
    const { width, height } = this.canvas.getBoundingClientRect();
    this.canvas.width = Math.max(1, Math.round(width * ratio));
    this.canvas.height = Math.max(1, Math.round(height * ratio));
  }

  draw(model: RingModel, selected: number | undefined, now: number): Frame {
    const ctx = this.canvas.getContext('2d')!;
    const ratio = window.devicePixelRatio || 1;
    const width = this.canvas.width / ratio;
    const height = this.canvas.height / ratio;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    this.space = model.spaceSize;
    this.cx = width / 2;
    this.cy = height / 2;
    this.radius = Math.max(40, Math.min(width, height) / 2 - 78);

    const peers = model.drawn(now);
    const count = peers.length;
    const nodeRadius = Math.max(3, Math.min(11, 260 / Math.max(count, 1)));
    this.shown = this.layout === 'auto' ? (bunched(peers, this.space) ? 'even' : 'id') : this.layout;
    this.rank = new Map(this.shown === 'even' ? peers.map((p, i) => [p.id, i / Math.max(count, 1)]) : []);
    const positions = new Map<number, Point>();
    for (const p of peers) positions.set(p.id, this.at(p.id, this.radius));

    this.drawBackdrop(ctx, model, count);
    const live = new Set(peers.filter((p) => p.state === 'local' || p.state === 'remote').map((p) => p.id));
    for (const peer of model.peers.values()) {
      const flash = Math.max(0, 1 - (now - (model.repaired.get(peer.id) ?? -1e9)) / 1_500);
      const [first, second] = peer.successors;
      if (second !== undefined && second !== peer.id)
        this.arcArrow(ctx, peer.id, second, this.radius - 26, `rgba(${COLORS.successor}, ${0.22 + 0.5 * flash})`, 1);
      if (first !== undefined && first !== peer.id)
        this.arcArrow(
          ctx,
          peer.id,
          first,
          this.radius - 13,
          `rgba(${COLORS.successor}, ${0.75 + 0.25 * flash})`,
          1.5 + 2 * flash,
        );
      const pred = peer.predecessors[0];
      if (pred !== null && pred !== undefined && pred !== peer.id && live.has(pred))
        this.arcArrow(ctx, peer.id, pred, this.radius + 13, `rgba(${COLORS.predecessor}, 0.5)`, 1, true);
    }
    if (selected !== undefined) this.drawFingers(ctx, model, selected, nodeRadius);
    for (const flight of model.flights) this.drawFlight(ctx, flight, now, nodeRadius);
    this.drawPulses(ctx, model, nodeRadius, now);
    this.drawFiles(ctx, model, live, nodeRadius);
    const showAll = count <= 48;
    for (const p of peers) this.drawPeer(ctx, p, p.id === selected, nodeRadius, showAll);
    return { peers, positions, nodeRadius };
  }

  private at(id: number, r: number): Point {
    const a = this.angle(id);
    return { x: this.cx + r * Math.cos(a), y: this.cy + r * Math.sin(a) };
  }

  /** Id 0 at the top, ids growing clockwise. */
  private angle(id: number): number {
    return (this.rank.get(id) ?? id / this.space) * 2 * Math.PI - Math.PI / 2;
  }

  private drawBackdrop(ctx: CanvasRenderingContext2D, model: RingModel, count: number): void {
    ctx.strokeStyle = COLORS.ring;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(this.cx, this.cy, this.radius, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.fillStyle = COLORS.tick;
    ctx.font = '11px ui-monospace, SFMono-Regular, Menlo, monospace';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (let q = 0; q < (this.shown === 'id' ? 4 : 0); q++) {
      const id = (model.spaceSize / 4) * q;
      const a = this.at(id, this.radius - 33);
      const b = this.at(id, this.radius - 45);
      ctx.strokeStyle = COLORS.tick;
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x, b.y);
      ctx.stroke();
      const label = this.at(id, this.radius - 58);
      ctx.fillText(String(id), label.x, label.y);
    }
    ctx.fillStyle = COLORS.label;
    ctx.font = '600 20px system-ui, sans-serif';
    ctx.fillText(`${count} peer${count === 1 ? '' : 's'}`, this.cx, this.cy - 12);
    ctx.fillStyle = COLORS.tick;
    ctx.font = '13px system-ui, sans-serif';
    ctx.fillText(`ids 0 to 2^${model.idBits} − 1 · ${model.routing} routing`, this.cx, this.cy + 14);
  }

  /** An arrow along the circle from one peer to another: clockwise for successors, anticlockwise for predecessors. */
  private arcArrow(
    ctx: CanvasRenderingContext2D,
    from: number,
    to: number,
    r: number,
    color: string,
    width: number,
    anticlockwise = false,
  ): void {
    let a1 = this.angle(from);
    let a2 = this.angle(to);
    if (!anticlockwise && a2 <= a1) a2 += 2 * Math.PI;
    if (anticlockwise && a2 >= a1) a2 -= 2 * Math.PI;
    const gap = Math.min(6 / r, Math.abs(a2 - a1) / 4);
    a1 += anticlockwise ? -gap : gap;
    a2 += anticlockwise ? gap : -gap;
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.lineWidth = width;
    ctx.setLineDash(anticlockwise ? [3, 3] : []);
    ctx.beginPath();
    ctx.arc(this.cx, this.cy, r, a1, a2, anticlockwise);
    ctx.stroke();
    ctx.setLineDash([]);
    // The head points along the circle at the arc's end.
    const tip = { x: this.cx + r * Math.cos(a2), y: this.cy + r * Math.sin(a2) };
    const dir = a2 + (anticlockwise ? -Math.PI / 2 : Math.PI / 2);
    this.head(ctx, tip, dir, 4 + width * 1.5);
  }

  private head(ctx: CanvasRenderingContext2D, tip: Point, dir: number, size: number): void {
    ctx.beginPath();
    ctx.moveTo(tip.x, tip.y);
    ctx.lineTo(tip.x - size * Math.cos(dir - 0.45), tip.y - size * Math.sin(dir - 0.45));
    ctx.lineTo(tip.x - size * Math.cos(dir + 0.45), tip.y - size * Math.sin(dir + 0.45));
    ctx.closePath();
    ctx.fill();
  }

  /** The curve of a hop from one peer to another: bowed towards the centre, so hops read apart from the ring. */
  private chord(from: number, to: number): [Point, Point, Point] {
    const a = this.at(from, this.radius);
    const b = this.at(to, this.radius);
    const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    const pull = 0.45;
    return [a, { x: mid.x + (this.cx - mid.x) * pull, y: mid.y + (this.cy - mid.y) * pull }, b];
  }

  /** An arrowhead on the curve a -> c -> b just short of the peer at b (a head at b itself would be under its disc). */
  private headBefore(ctx: CanvasRenderingContext2D, [a, c, b]: [Point, Point, Point], gap: number, size: number): void {
    const length = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    const t = Math.max(0.5, 1 - gap / length);
    const at = (u: number) => ({
      x: (1 - u) ** 2 * a.x + 2 * (1 - u) * u * c.x + u ** 2 * b.x,
      y: (1 - u) ** 2 * a.y + 2 * (1 - u) * u * c.y + u ** 2 * b.y,
    });
    const tip = at(t);
    const back = at(t - 0.02);
    this.head(ctx, tip, Math.atan2(tip.y - back.y, tip.x - back.x), size);
  }

  private drawFingers(ctx: CanvasRenderingContext2D, model: RingModel, selected: number, nodeRadius: number): void {
    const fingers = model.peers.get(selected)?.fingers;
    if (fingers === undefined) return;
    const seen = new Set<number>();
    ctx.strokeStyle = COLORS.finger;
    ctx.fillStyle = COLORS.finger;
    ctx.lineWidth = 1.2;
    for (const finger of fingers) {
      if (finger === null || finger === selected || seen.has(finger)) continue;
      seen.add(finger);
      const curve = this.chord(selected, finger);
      const [a, c, b] = curve;
      ctx.globalAlpha = 0.8;
      ctx.beginPath();
      ctx.moveTo(a.x, a.y);
      ctx.quadraticCurveTo(c.x, c.y, b.x, b.y);
      ctx.stroke();
      this.headBefore(ctx, curve, nodeRadius + 2, 7);
    }
    ctx.globalAlpha = 1;
  }

  private drawFlight(ctx: CanvasRenderingContext2D, flight: Flight, now: number, nodeRadius: number): void {
    if (now < flight.startsAt || flight.from === flight.to) return;
    const curve = this.chord(flight.from, flight.to);
    const [a, c, b] = curve;
    const progress = Math.min(1, (now - flight.startsAt) / (flight.endsAt - flight.startsAt));
    const t = easeCubicInOut(progress);
    const fade = progress < 1 ? 1 : Math.max(0, 1 - (now - flight.endsAt) / TRAIL_MS);
    const color = COLORS[flight.kind];
    // The part travelled so far (de Casteljau: the curve from a to the point at t).
    const ac = { x: a.x + (c.x - a.x) * t, y: a.y + (c.y - a.y) * t };
    const cb = { x: c.x + (b.x - c.x) * t, y: c.y + (b.y - c.y) * t };
    const head = { x: ac.x + (cb.x - ac.x) * t, y: ac.y + (cb.y - ac.y) * t };
    const transfer = flight.kind === 'transfer';
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.globalAlpha = 0.85 * fade;
    ctx.lineWidth = transfer ? 3.5 : flight.kind === 'copy' ? 1.2 : 2.2;
    ctx.setLineDash(transfer ? [8, 5] : []);
    ctx.lineDashOffset = transfer ? -now / 40 : 0;
    ctx.beginPath();
    ctx.moveTo(a.x, a.y);
    ctx.quadraticCurveTo(ac.x, ac.y, head.x, head.y);
    ctx.stroke();
    ctx.setLineDash([]);
    if (progress < 1) {
      ctx.globalAlpha = 1;
      ctx.shadowColor = color;
      ctx.shadowBlur = 14;
      ctx.beginPath();
      ctx.arc(head.x, head.y, transfer ? 6 : 4.5, 0, 2 * Math.PI);
      ctx.fill();
      ctx.shadowBlur = 0;
    } else {
      this.headBefore(ctx, curve, nodeRadius + 2, transfer ? 10 : 8);
    }
    ctx.globalAlpha = 1;
  }

  private drawPulses(ctx: CanvasRenderingContext2D, model: RingModel, nodeRadius: number, now: number): void {
    for (const pulse of model.pulses) {
      const age = (now - pulse.at) / (pulse.kind === 'ping' ? 700 : 1_200);
      if (age < 0 || age > 1) continue;
      const p = this.at(pulse.peer, this.radius);
      const color =
        pulse.kind === 'ping'
          ? '#e2e8f0'
          : pulse.kind === 'dead'
            ? COLORS.dead
            : pulse.kind === 'joined'
              ? COLORS.join
              : COLORS.file;
      ctx.strokeStyle = color;
      ctx.globalAlpha = (pulse.kind === 'ping' ? 0.22 : 0.8) * (1 - age);
      ctx.lineWidth = pulse.kind === 'ping' ? 1 : 2.5;
      ctx.beginPath();
      ctx.arc(p.x, p.y, nodeRadius + 3 + age * (pulse.kind === 'ping' ? 10 : 22), 0, 2 * Math.PI);
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
  }

  /** Each local peer's files, outside the ring: filled for the files it is responsible for, hollow for copies. */
  private drawFiles(ctx: CanvasRenderingContext2D, model: RingModel, live: Set<number>, nodeRadius: number): void {
    const sorted = [...live].sort((a, b) => a - b);
    const responsible = (key: number) => sorted.find((id) => id >= key) ?? sorted[0];
    const size = Math.max(3, Math.min(7, nodeRadius * 0.8));
    for (const peer of model.peers.values()) {
      const files = [...peer.files].sort((a, b) => a.name.localeCompare(b.name));
      const shown = files.slice(0, 6);
      shown.forEach((file, i) => {
        const p = this.at(peer.id, this.radius + nodeRadius + 30 + i * (size + 3));
        ctx.strokeStyle = COLORS.file;
        ctx.fillStyle = COLORS.file;
        ctx.lineWidth = 1.3;
        if (responsible(file.key) === peer.id) ctx.fillRect(p.x - size / 2, p.y - size / 2, size, size);
        else ctx.strokeRect(p.x - size / 2, p.y - size / 2, size, size);
      });
      if (files.length > shown.length) {
        const p = this.at(peer.id, this.radius + nodeRadius + 30 + shown.length * (size + 3) + 6);
        ctx.fillStyle = COLORS.file;
        ctx.font = '10px system-ui, sans-serif';
        ctx.fillText(`+${files.length - shown.length}`, p.x, p.y);
      }
    }
  }

  private drawPeer(ctx: CanvasRenderingContext2D, p: DrawnPeer, selected: boolean, r: number, label: boolean): void {
    const at = this.at(p.id, this.radius);
    ctx.globalAlpha = p.opacity;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(at.x, at.y, r, 0, 2 * Math.PI);
    if (p.state === 'local') {
      ctx.fillStyle = COLORS.local;
      ctx.fill();
    } else if (p.state === 'remote') {
      ctx.fillStyle = COLORS.background;
      ctx.fill();
      ctx.strokeStyle = COLORS.remote;
      ctx.stroke();
    } else {
      ctx.fillStyle = p.state === 'dead' ? COLORS.dead : COLORS.remote;
      ctx.fill();
      ctx.strokeStyle = COLORS.background;
      ctx.lineWidth = Math.max(1.5, r / 4);
      const d = r * 0.5;
      ctx.beginPath();
      ctx.moveTo(at.x - d, at.y - d);
      ctx.lineTo(at.x + d, at.y + d);
      ctx.moveTo(at.x + d, at.y - d);
      ctx.lineTo(at.x - d, at.y + d);
      ctx.stroke();
    }
    if (selected) {
      ctx.strokeStyle = COLORS.selected;
      ctx.lineWidth = 2.5;
      ctx.beginPath();
      ctx.arc(at.x, at.y, r + 5, 0, 2 * Math.PI);
      ctx.stroke();
    }
    if (label || selected || p.state === 'dead') {
      const l = this.at(p.id, this.radius + r + 15);
      ctx.fillStyle = p.state === 'dead' ? COLORS.dead : selected ? COLORS.selected : COLORS.label;
      ctx.font = `${selected ? '700 ' : '600 '}13px ui-monospace, SFMono-Regular, Menlo, monospace`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(String(p.id), l.x, l.y);
    }
    ctx.globalAlpha = 1;
  }
}

/** Whether the peers (in id order) leave more than half the ring empty between two neighbours: drawn by id, they bunch. */
function bunched(peers: readonly DrawnPeer[], space: number): boolean {
  if (peers.length < 3) return false;
  let widest = space - peers[peers.length - 1]!.id + peers[0]!.id;
  for (let i = 1; i < peers.length; i++) widest = Math.max(widest, peers[i]!.id - peers[i - 1]!.id);
  return widest > space / 2;
}
