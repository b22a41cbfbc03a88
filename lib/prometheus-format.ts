/**
 * Prometheus template functions, ported so that the generated promtool rule tests can state the
 * exact alert text for any threshold the user chose.
 */

/** Go's %.4g: 4 significant digits, trailing zeros dropped. */
export function formatG4(value: number): string {
  if (value === 0) return '0';
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  if (exponent < -4 || exponent >= 4) {
    const [mantissa, exp] = value.toExponential(3).split('e') as [string, string];
    const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
    const sign = exp.startsWith('-') ? '-' : '+';
    const digits = exp.replace(/^[+-]/, '').padStart(2, '0');
    return `${trimmed}e${sign}${digits}`;
  }
  const fixed = value.toFixed(Math.max(0, 3 - exponent));
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/** Prometheus' `humanizeDuration` for a number of seconds. */
export function humanizeDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  if (Math.abs(seconds) >= 1) {
    const sign = seconds < 0 ? '-' : '';
    let v = Math.abs(seconds);
    const whole = Math.trunc(v);
    const s = whole % 60;
    const m = Math.trunc(whole / 60) % 60;
    const h = Math.trunc(whole / 3600) % 24;
    const d = Math.trunc(whole / 86400);
    if (d !== 0) return `${sign}${d}d ${h}h ${m}m ${s}s`;
    if (h !== 0) return `${sign}${h}h ${m}m ${s}s`;
    if (m !== 0) return `${sign}${m}m ${s}s`;
    v = Math.abs(seconds);
    return `${sign}${formatG4(v)}s`;
  }
  let v = seconds;
  let prefix = '';
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return `${formatG4(v)}${prefix}s`;
}
