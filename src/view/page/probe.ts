// What the live view's page offers as window.ringView, for a person's console and for the browser tests (no DOM here:
// test/browser reads the same type).

/** The frame the page drew last, not the stream. */
export interface RingViewProbe {
  peers(): { id: number; state: string }[];
  flights(): {
    kind: string;
    name: string;
    from: number;
    to: number;
    started: boolean;
    arrived: boolean;
    /** 0 to 1: how far along its way it is drawn. */
    progress: number;
  }[];
  select(id: number): void;
  connected(): boolean;
}
