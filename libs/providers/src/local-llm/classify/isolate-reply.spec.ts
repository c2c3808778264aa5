import { isolateReply } from './isolate-reply';

describe('isolateReply', () => {
  it.each([
    [
      'Sounds good.\n\nOn Mon, Nov 30, 2026 at 9:00 AM Sam Lee <sam@vendor.io> wrote:\n> Hi Ana',
      'Sounds good.',
    ],
    ['Vale.\n\nEl lun, 30 nov 2026 a las 9:00, Sam <sam@vendor.io> escribió:\n> Hola', 'Vale.'],
    ["D'accord.\n\nLe lun. 30 nov. 2026 à 09:00, Sam <sam@vendor.io> a écrit :\n> Bonjour", "D'accord."],
    ['Gern.\n\nAm 30.11.2026 um 09:00 schrieb Sam <sam@vendor.io>:\n> Hallo', 'Gern.'],
    ['Certo.\n\nIl giorno lun 30 nov 2026 alle ore 09:00 Sam <sam@vendor.io> ha scritto:\n> Ciao', 'Certo.'],
    ['Prima. Op ma 30 nov 2026 om 09:12 schreef Sam <sam@vendor.io>: > Hoi', 'Prima.'],
    ['Ok.\n\n-----Original Message-----\nFrom: Sam\nSent: Monday\n\nHi', 'Ok.'],
    ['Oui.\n\nDe : Sam <sam@vendor.io>\nEnvoyé : lundi 30 novembre 2026 09:00\nObjet : démo', 'Oui.'],
    ['Ja.\n\nVon: Sam <sam@vendor.io>\nGesendet: Montag, 30. November 2026 09:00\nBetreff: Demo', 'Ja.'],
    ['Thanks!\n\nSent from my iPhone', 'Thanks!'],
    ['Works for me.\n-- \nAna Ruiz\nHead of Sales', 'Works for me.'],
    ['Works for me.\n\nBest regards,\nAna Ruiz\n+34 600 000 000', 'Works for me.'],
    ['Works for me. Kind regards, Ana Ruiz, Head of Sales', 'Works for me.'],
    [
      'Yes please.\n\nThis email and any attachments are confidential and intended solely for the addressee.',
      'Yes please.',
    ],
  ])('keeps only the new text of %j', (body, expected) => {
    expect(isolateReply(body).text).toBe(expected);
  });

  it.each([
    [
      'Am Dienstag um 10 Uhr passt es.\n\nAm 30.11.2026 um 09:02 schrieb Dana <dana@vendor.io>:\n> Hallo',
      'Am Dienstag um 10 Uhr passt es.',
    ],
    [
      'On se cale un créneau mardi 14h ?\n\nLe lun. 30 nov. 2026 à 09:02, Dana <dana@vendor.io> a écrit :\n> Bonjour',
      'On se cale un créneau mardi 14h ?',
    ],
    ['Op dinsdag 14:00 kan ik\n\nDana <dana@vendor.io> schreef:\n> Hoi', 'Op dinsdag 14:00 kan ik'],
  ])(
    'does not take a first line opening with "On", "Am", "Le"… above a blank line for the attribution: %j',
    (body, expected) => {
      expect(isolateReply(body).text).toBe(expected);
    },
  );

  it('still reads an attribution wrapped over two lines', () => {
    expect(
      isolateReply('Ok.\n\nOn Mon, Nov 30, 2026 at 9:02 AM Dana Whitfield\n<dana@vendor.io> wrote:\n> Hi')
        .text,
    ).toBe('Ok.');
  });

  it('keeps the note above a forwarded message', () => {
    const r = isolateReply(
      'Jane, can you take this?\n\n---------- Forwarded message ---------\nFrom: Sam\nPlease stop by',
    );
    expect(r.text).toBe('Jane, can you take this?');
    expect(r.cuts).toContain('forward');
  });

  it('answers the forwarded part when there is no note', () => {
    const r = isolateReply(
      '---------- Forwarded message ---------\nFrom: Sam <sam@vendor.io>\nSubject: hi\n\nRemove me please',
    );
    expect(r.text).toBe('');
    expect(r.forwarded).toBe('Remove me please');
  });

  it('turns html into text and drops the quoted block', () => {
    const r = isolateReply(
      '<div>Sure, <b>Tuesday</b> works.</div><blockquote>On Mon Sam wrote: hi</blockquote>',
    );
    expect(r.text).toBe('Sure, Tuesday works.');
  });

  it('does not take "Thanks" alone for a closing', () => {
    expect(isolateReply('Thanks,').text).toBe('Thanks,');
  });
});
