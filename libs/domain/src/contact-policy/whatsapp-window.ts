/** WhatsApp's customer-service window: free-form messages only within 24 hours of the lead's last message. */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface WhatsAppWindow {
  open: boolean;
  /** When it closes (or closed); null when the lead never wrote. */
  until: Date | null;
}

export function whatsappWindow(lastInboundAt: Date | null, now: Date): WhatsAppWindow {
  if (!lastInboundAt) return { open: false, until: null };
  const until = new Date(lastInboundAt.getTime() + WHATSAPP_WINDOW_MS);
  return { open: until.getTime() > now.getTime(), until };
}
