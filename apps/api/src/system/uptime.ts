/** "2 days, 14 hours, 32 minutes" (seed 003's uptime). */
export function humanUptime(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  return [
    days ? part(days, 'day') : null,
    days || hours ? part(hours, 'hour') : null,
    part(minutes, 'minute'),
  ]
    .filter(Boolean)
    .join(', ');
}
