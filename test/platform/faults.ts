/**
 * Fault injection for the reference platform: what a flaky network, a proxy and an overloaded
 * platform do to a workstation. By probability with a seeded RNG (reproducible soak tests) and
 * by one-shot plans consumed in order (deterministic tests).
 */
export type FaultKind =
  /** Close the connection before reading the request: nothing is processed. */
  | 'drop'
  /** Hold the request for delayMs, then process it normally. */
  | 'delay'
  /** Answer 500 without processing (unsigned, as a proxy would). */
  | 'error500'
  /** Read part of the body (cutAfterBytes, or a random share), then close the connection. */
  | 'cut'
  /** Process and commit, then close the connection instead of answering. */
  | 'lose-ack'
  /** Process and commit, then answer with this workstation's previous response. */
  | 'duplicate-response'
  /** A proxy sends the request twice: the first is processed, the answer to the second (a replay) comes back. */
  | 'duplicate-request';

export const FAULT_KINDS: readonly FaultKind[] = [
  'drop',
  'delay',
  'error500',
  'cut',
  'lose-ack',
  'duplicate-response',
  'duplicate-request',
];

export type PlatformRoute =
  'hello' | 'events' | 'blob-state' | 'blob-chunk' | 'feed' | 'elicence-request' | 'stream' | 'checkpoint' | 'checkpoint-latest';

export interface OneShotFault {
  kind: FaultKind;
  /** Only requests on this route consume it; default any route. */
  route?: PlatformRoute;
  cutAfterBytes?: number;
  delayMs?: number;
}

export interface FaultPlan {
  seed?: number;
  /** Probability per request of each fault kind (their sum should stay below 1). */
  probability?: Partial<Record<FaultKind, number>>;
  /** Consumed first, in order, by the first request whose route matches. */
  once?: OneShotFault[];
  /** Routes the probabilistic faults apply to; default all. */
  routes?: PlatformRoute[];
  delayMs?: number;
  /** Added to the platform's clock (what it signs with and checks timestamps against). */
  clockSkewMs?: number;
}

export interface FaultDecision {
  kind: FaultKind;
  cutAfterBytes?: number;
  delayMs: number;
  /** For 'cut' without an explicit byte count: the share of the body to read first. */
  cutShare: number;
}

/** mulberry32: small, fast and good enough to make fault sequences reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private plan: FaultPlan = {};
  private random: () => number = seededRandom(1);
  private once: OneShotFault[] = [];
  readonly injected: Record<FaultKind, number> = {
    drop: 0,
    delay: 0,
    error500: 0,
    cut: 0,
    'lose-ack': 0,
    'duplicate-response': 0,
    'duplicate-request': 0,
  };

  constructor(plan?: FaultPlan) {
    this.set(plan ?? {});
  }

  set(plan: FaultPlan): void {
    this.plan = plan;
    this.random = seededRandom(plan.seed ?? 1);
    this.once = [...(plan.once ?? [])];
  }

  get clockSkewMs(): number {
    return this.plan.clockSkewMs ?? 0;
  }

  pendingOneShots(): number {
    return this.once.length;
  }

  decide(route: PlatformRoute): FaultDecision | null {
    const index = this.once.findIndex((f) => f.route === undefined || f.route === route);
    if (index >= 0) {
      const [f] = this.once.splice(index, 1);
      if (f)
        return this.count({
          kind: f.kind,
          cutAfterBytes: f.cutAfterBytes,
          delayMs: f.delayMs ?? this.plan.delayMs ?? 50,
          cutShare: this.random(),
        });
    }
    if (this.plan.routes && !this.plan.routes.includes(route)) return null;
    const roll = this.random();
    let acc = 0;
    for (const kind of FAULT_KINDS) {
      acc += this.plan.probability?.[kind] ?? 0;
      if (roll < acc) return this.count({ kind, delayMs: this.plan.delayMs ?? 50, cutShare: this.random() });
    }
    return null;
  }

  private count(d: FaultDecision): FaultDecision {
    this.injected[d.kind]++;
    return d;
  }
}
