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

  it.each([
    [
      'On Tue, Dec 1, 2026 at 9:14 AM Dana <dana@vendor.io> wrote:\n> Hi Raj, a call?\n> Reply STOP to opt out.\n\nwhat does it cost?',
      'what does it cost?',
    ],
    [
      'El mar, 1 dic 2026 a las 9:14, Laura <laura@vendor.io> escribió:\n> Hola\n\nDadme de baja, por favor.\n\nSent from my iPhone',
      'Dadme de baja, por favor.',
    ],
    [
      '> On 1 Dec 2026, at 09:14, Dana <dana@vendor.io> wrote:\n>\n> Hi Sam\n\nNot this quarter.\n\nOn Mon, Nov 23, 2026 at 8:00 AM Dana <dana@vendor.io> wrote:\n> Hi Sam, older note',
      'Not this quarter.',
    ],
  ])('reads a reply written under the quoted history when nothing stands above it: %j', (body, expected) => {
    const r = isolateReply(body);
    expect(r.text).toBe(expected);
    expect(r.cuts).toContain('bottom-posted');
  });

  it.each([
    [
      'Ok.\n\nOn Tue, Dec 1, 2026 at 9:14 AM Dana <dana@vendor.io> wrote:\n> Hi\n\nReachline Ltd, Leeds',
      'Ok.',
    ],
    ['-----Original Message-----\nFrom: Sam\nSent: Monday\n\nHi, a demo?\n\nUnsubscribe here', ''],
  ])(
    'keeps the text above the history, and reads no bottom under history not marked with ">": %j',
    (body, expected) => {
      expect(isolateReply(body).text).toBe(expected);
    },
  );

  it('reads the other side of a call transcript, not our agent', () => {
    const r = isolateReply(
      'Agent: Hi, would you like us to take you off our list?\nLead: no no, we want the demo.\nthursday works\nAgent: Great.',
    );
    expect(r.text).toBe('no no, we want the demo.\nthursday works');
    expect(r.cuts).toContain('agent');
  });

  it.each(['Subject: demo\nTo: Sam\nYes please, Tuesday works.', 'Lead: Sam Lee\nStatus: interested'])(
    'leaves text with colon lines but no agent of ours alone: %j',
    (body) => {
      expect(isolateReply(body).cuts).not.toContain('agent');
    },
  );

  it('does not take "Thanks" alone for a closing', () => {
    expect(isolateReply('Thanks,').text).toBe('Thanks,');
  });
});
