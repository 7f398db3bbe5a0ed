// Round y-axis scales for the trend charts.

/** A y-axis with round ticks from 0 to just above the highest value; `emptyTop` when there is no data. */
export function niceAxis(
  values: readonly (number | null)[],
  emptyTop: number,
  ceiling = Infinity,
): { top: number; ticks: number[] } {
  let max = 0;
  for (const v of values) if (v !== null && v > max) max = v;
  const want = Math.min(ceiling, max > 0 ? max * 1.05 : emptyTop);
  const step = niceCeil(want / 4);
  const top = Math.min(ceiling, step * Math.ceil(want / step - 1e-9));
  const ticks: number[] = [];
  for (let t = 0; t <= top + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return { top, ticks };
}

/** The next "round" number at or above v (1, 2, 2.5 or 5 times a power of ten). */
export function niceCeil(v: number): number {
  const power = 10 ** Math.floor(Math.log10(v));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= v * (1 - 1e-9)) ?? 10;
  return step * power;
}
