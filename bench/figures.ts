/** One line of the results table: a measured figure, and its target when it has one. */
export interface Figure {
  readonly id: string;
  readonly label: string;
  readonly value: number;
  /** How the value is shown, e.g. `0.72` or `183 MB`. */
  readonly shown: string;
  readonly target?: {
    readonly op: '>=' | '<=' | '=';
    readonly bound: number;
    readonly shown: string;
  };
  /** What the value was made of: the two sides of a ratio, the runs. */
  readonly detail: string;
}

export function met(figure: Figure): boolean | undefined {
  const { target } = figure;
  if (!target) return undefined;
  if (target.op === '>=') return figure.value >= target.bound;
  if (target.op === '<=') return figure.value <= target.bound;
  return figure.value === target.bound;
}

/** The markdown table `npm run bench` prints and docs/performance.md shows. */
export function table(figures: readonly Figure[]): string {
  const lines = ['| figure | measured | target | met | how |', '|---|---|---|---|---|'];
  for (const f of figures) {
    const ok = met(f);
    const mark = ok === undefined ? '' : ok ? 'yes' : '**no**';
    lines.push(`| ${f.label} | ${f.shown} | ${f.target?.shown ?? ''} | ${mark} | ${f.detail} |`);
  }
  return lines.join('\n');
}

/** `12,345` */
export function int(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function fixed(value: number, digits = 2): string {
  return value.toFixed(digits);
}
