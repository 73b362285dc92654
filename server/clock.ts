/** The one source of time. Tests pass a settable clock; months are computed in Europe/Paris (domain/time.ts). */

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests can set and move. */
export class FixedClock implements Clock {
  constructor(private t: number | string) {}
  now(): number {
    return typeof this.t === 'number' ? this.t : Date.parse(this.t);
  }
  set(t: number | string): void {
    this.t = t;
  }
  advance(ms: number): void {
    this.t = this.now() + ms;
  }
}
