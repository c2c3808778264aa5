import { senderAddress } from './inbound-lead.resolver';

describe('senderAddress', () => {
  it("reads a WhatsApp ID of Mexico's or Brazil's old numbering as the number it dials today, so its lead is found", () => {
    // Mexico: WhatsApp IDs kept the mobile "1" after 52 that dialling dropped in 2019.
    expect(senderAddress({ channel: 'whatsapp', from: '+5215512345678' })).toMatchObject({
      address: '+525512345678',
      phone: { ok: true, phone: { e164: '+525512345678', country: 'MX' } },
    });
    // Brazil: a mobile registered before the ninth digit keeps its 8-digit WhatsApp ID.
    expect(senderAddress({ channel: 'whatsapp', from: '+559287654321' })).toMatchObject({
      address: '+5592987654321',
      phone: { ok: true, phone: { e164: '+5592987654321', country: 'BR' } },
    });
  });

  it('leaves valid numbers, other channels and numbers that read as nothing either way as they came', () => {
    expect(senderAddress({ channel: 'whatsapp', from: '+5592987654321' }).address).toBe('+5592987654321');
    expect(senderAddress({ channel: 'whatsapp', from: '+525512345678' }).address).toBe('+525512345678');
    // A landline keeps its 8 digits (no 9 makes it valid as a mobile number) and stays as it came.
    expect(senderAddress({ channel: 'whatsapp', from: '+551132345678' }).address).toBe('+551132345678');
    expect(senderAddress({ channel: 'sms', from: '+5215512345678' }).address).toBe('+5215512345678');
    expect(senderAddress({ channel: 'whatsapp', from: '+52199' }).address).toBe('+52199');
  });
});
