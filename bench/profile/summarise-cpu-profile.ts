/** The parts of a V8 `.cpuprofile` (written by `node --cpu-prof`) that the summary reads. */
export interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

/** One function's share of the profile: self time (its own code) and total time (with everything it called). */
export interface HotSpot {
  function: string;
  /** File relative to the project (or the package / `node:` module), with 1-based line. */
  location: string;
  selfMs: number;
  selfPercent: number;
  totalMs: number;
  totalPercent: number;
}

export interface ProfileSummary {
  sampledMs: number;
  /** Share of samples where the process was idle (waiting on I/O): what is left is CPU time. */
  idlePercent: number;
  bySelf: HotSpot[];
  byTotal: HotSpot[];
  /** Self time per source area (src/engine/diary, node_modules/zod, node:internal ...). */
  byArea: { area: string; selfMs: number; selfPercent: number }[];
}

const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

function locationOf(frame: CallFrame, root: string): string {
  if (!frame.url) return '';
  const path = frame.url.replace(/^file:\/\//, '');
  const rel = path.startsWith(root) ? path.slice(root.length).replace(/^\//, '') : path;
  // Line 0 is what transpiled one-line modules (tsx) report: no line is better than a wrong one.
  return frame.lineNumber > 0 ? `${rel}:${frame.lineNumber + 1}` : rel;
}

/** Groups a file path into an area: src folders, a package under node_modules, or node internals. */
function areaOf(location: string): string {
  if (!location) return '(native)';
  const file = location.replace(/:\d+$/, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (pkg) return `node_modules/${pkg[1]}`;
  if (file.startsWith('node:')) return 'node:internal';
  const parts = file.split('/');
  return parts.slice(0, Math.min(parts.length - 1, 3)).join('/') || file;
}

/**
 * Summarises a CPU profile: the top functions by self and by total time, and self time per area. Pure: the caller
 * reads the file. `root` is the project directory, stripped from file URLs.
 */
export function summariseCpuProfile(profile: CpuProfile, root: string, top = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i] as number;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const sampledUs = [...selfUs.values()].reduce((a, b) => a + b, 0) || 1;
  const keyOf = (id: number) => {
    const f = byId.get(id)?.callFrame;
    return f ? `${f.functionName || '(anonymous)'}|${locationOf(f, root)}` : '';
  };

  // Total time: every sample counts once for each distinct function on its stack (recursion counted once).
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const key = keyOf(id);
    self.set(key, (self.get(key) ?? 0) + us);
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) onStack.add(keyOf(at));
    for (const k of onStack) total.set(k, (total.get(k) ?? 0) + us);
  }
  const idleUs = [...self].filter(([k]) => k.startsWith('(idle)|')).reduce((a, [, us]) => a + us, 0);
  const spot = (key: string): HotSpot => {
    const [fn = '', location = ''] = key.split('|');
    const s = self.get(key) ?? 0;
    const t = total.get(key) ?? 0;
    return {
      function: fn,
      location,
      selfMs: ms(s),
      selfPercent: pct(s, sampledUs),
      totalMs: ms(t),
      totalPercent: pct(t, sampledUs),
    };
  };
  // Total time of plumbing (the microtask loop, the profiling harness itself) says nothing: project and package code only.
  const isCode = (k: string) => {
    const [fn = '', location = ''] = k.split('|');
    return !SPECIAL.has(fn) && location !== '' && !location.startsWith('node:') && !location.startsWith('bench/');
  };
  const ranked = (m: Map<string, number>, codeOnly: boolean) =>
    [...m]
      .filter(([k]) => !codeOnly || isCode(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k]) => spot(k));
  const areas = new Map<string, number>();
  for (const [key, us] of self) {
    const [fn = '', location = ''] = key.split('|');
    const area = SPECIAL.has(fn) ? fn : areaOf(location);
    areas.set(area, (areas.get(area) ?? 0) + us);
  }
  return {
    sampledMs: ms(sampledUs),
    idlePercent: pct(idleUs, sampledUs),
    bySelf: ranked(self, false),
    byTotal: ranked(total, true),
    byArea: [...areas]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([area, us]) => ({ area, selfMs: ms(us), selfPercent: pct(us, sampledUs) })),
  };
}

const ms = (us: number) => Math.round(us / 100) / 10;
const pct = (part: number, whole: number) => Math.round((part / whole) * 1000) / 10;
