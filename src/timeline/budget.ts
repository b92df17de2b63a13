/**
 * The wall-to-simulated clock of a playing lab: a frame's wall time times the
 * speed, with the fractions carried over so slow speeds still move; and, at
 * maximum speed, a budget of wall time per frame read from an injected clock
 * (performance.now in the browser, a fake one in tests), so the host never
 * blocks the page and tests never depend on the machine's speed.
 */
import { MAX_SPEED } from './protocol.ts';

/** Longest wall time one frame may spend simulating at maximum speed. */
export const FRAME_BUDGET_MS = 10;
/** The longest gap between two frames counted (a background tab comes back without a jump). */
const MAX_FRAME_GAP_MS = 100;

export class PlayClock {
  speed = 1;
  private carry = 0;
  private lastWall = -1;

  constructor(private readonly now: () => number) {}

  setSpeed(s: number): void {
    this.speed = s === MAX_SPEED ? MAX_SPEED : Math.max(0.01, Math.min(1000, s));
  }

  /** Playing starts (again): the next frame only sets the reference. */
  restart(): void {
    this.lastWall = -1;
    this.carry = 0;
  }

  get maxSpeed(): boolean {
    return this.speed === MAX_SPEED;
  }

  /** Simulated ms this frame (at wall time `wallMs`) is worth at a finite speed. */
  advance(wallMs: number): number {
    const dt = this.lastWall < 0 ? 0 : Math.max(0, Math.min(MAX_FRAME_GAP_MS, wallMs - this.lastWall));
    this.lastWall = wallMs;
    if (this.maxSpeed) return 0;
    this.carry += dt * this.speed;
    const whole = Math.floor(this.carry);
    this.carry -= whole;
    return whole;
  }

  /** A deadline for this frame's work at maximum speed: call `left()` until it says no. */
  budget(ms = FRAME_BUDGET_MS): { left(): boolean } {
    const start = this.now();
    return { left: () => this.now() - start < ms };
  }
}
