import { SIMULATED_PRICE_PER_MINUTE, simulatedPrice } from './telephony-price';

describe("the telephony simulator's price of a call", () => {
  it('bills each started minute of the answered call in full, as a charge (negative, like Twilio)', () => {
    expect(SIMULATED_PRICE_PER_MINUTE).toBe(0.014);
    expect(simulatedPrice(1)).toBe(-0.014);
    expect(simulatedPrice(60)).toBe(-0.014);
    expect(simulatedPrice(61)).toBe(-0.028);
    expect(simulatedPrice(330)).toBe(-0.084);
  });

  it('bills nothing for a call never answered', () => {
    expect(simulatedPrice(0)).toBe(0);
  });
});
