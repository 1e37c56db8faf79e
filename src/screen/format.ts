/** 12,500: thousands grouped the same way on every machine (the screen is not localised). */
export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A duration as people say it: `45 s`, `9 min 30 s`, `2 h 5 min`. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return s % 60 === 0 ? `${minutes} min` : `${minutes} min ${s % 60} s`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

/** A run's time as the summary shows it: tenths of a second while short. */
export function elapsed(seconds: number): string {
  return seconds < 60 ? `${seconds.toFixed(1)} s` : duration(seconds);
}
