/** What the simulator bills a minute of an answered call (a US rate), each started minute in full as Twilio does. */
export const SIMULATED_PRICE_PER_MINUTE = 0.014;

/** An ended call's price as Twilio states it: negative (a charge), to 1e-5; an unanswered call costs nothing. */
export function simulatedPrice(durationSeconds: number): number {
  const minutes = Math.ceil(durationSeconds / 60);
  return minutes === 0 ? 0 : -Math.round(minutes * SIMULATED_PRICE_PER_MINUTE * 1e5) / 1e5;
}
