import { WHATSAPP_WINDOW_MS, whatsappWindow } from './whatsapp-window';

describe('whatsappWindow', () => {
  const now = new Date('2026-11-30T12:00:00.000Z');

  it('is closed, with no end, when the lead never wrote', () => {
    expect(whatsappWindow(null, now)).toEqual({ open: false, until: null });
  });

  it('is open until 24 hours after the last inbound message', () => {
    const last = new Date(now.getTime() - WHATSAPP_WINDOW_MS + 1000);
    expect(whatsappWindow(last, now)).toEqual({ open: true, until: new Date(now.getTime() + 1000) });
  });

  it('is closed at exactly 24 hours and after', () => {
    expect(whatsappWindow(new Date(now.getTime() - WHATSAPP_WINDOW_MS), now).open).toBe(false);
    expect(whatsappWindow(new Date(now.getTime() - WHATSAPP_WINDOW_MS - 1), now).open).toBe(false);
  });
});
