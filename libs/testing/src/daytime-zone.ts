/**
 * A zone where it is now (or `at`: a test clock moved on) between 09:00 and 19:00, so the 08:00-21:00 contact
 * bound lets a lead there be reached whenever the test runs.
 */
export function zoneInDaytime(at: Date = new Date()): string {
  const zones = [
    'Pacific/Auckland',
    'Asia/Tokyo',
    'Asia/Kolkata',
    'Asia/Dubai',
    'Europe/Berlin',
    'America/New_York',
    'America/Los_Angeles',
    'Pacific/Honolulu',
  ];
  const hour = (zone: string) =>
    Number(
      new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', hourCycle: 'h23' }).format(at),
    );
  const zone = zones.find((z) => hour(z) >= 9 && hour(z) < 19);
  if (!zone) throw new Error('No daytime zone in the list');
  return zone;
}
