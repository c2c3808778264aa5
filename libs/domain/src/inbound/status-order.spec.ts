import { canMove, messageStatusOf, movesNoMessage, statusesBefore } from './status-order';

describe('message status order', () => {
  it('moves forward along queued < sending < sent < delivered < read', () => {
    expect(canMove('queued', 'sent')).toBe(true);
    expect(canMove('sending', 'sent')).toBe(true);
    expect(canMove('sent', 'delivered')).toBe(true);
    expect(canMove('delivered', 'read')).toBe(true);
    expect(canMove('queued', 'read')).toBe(true);
  });

  it('never moves back: a late sent after delivered changes nothing', () => {
    expect(canMove('delivered', 'sent')).toBe(false);
    expect(canMove('read', 'delivered')).toBe(false);
    expect(canMove('sent', 'queued')).toBe(false);
    expect(canMove('sent', 'sent')).toBe(false);
  });

  it('ends a send on failed, which nothing leaves', () => {
    expect(canMove('sent', 'failed')).toBe(true);
    expect(canMove('sending', 'failed')).toBe(true);
    expect(canMove('delivered', 'failed')).toBe(false);
    expect(canMove('failed', 'delivered')).toBe(false);
    expect(canMove('failed', 'failed')).toBe(false);
  });

  it('lets a provider report settle an unknown send; leaves inbound messages alone', () => {
    expect(canMove('unknown', 'delivered')).toBe(true);
    expect(canMove('unknown', 'failed')).toBe(true);
    expect(canMove('received', 'read')).toBe(false);
  });

  it('maps undelivered to failed', () => {
    expect(messageStatusOf('undelivered')).toBe('failed');
    expect(messageStatusOf('delivered')).toBe('delivered');
  });

  it('lists the statuses an update may start from', () => {
    expect(statusesBefore('delivered').sort()).toEqual(['queued', 'sending', 'sent', 'unknown']);
    expect(statusesBefore('failed').sort()).toEqual(['queued', 'sending', 'sent', 'unknown']);
    expect(statusesBefore('queued')).toEqual([]);
  });

  it('knows the delivery statuses no message can move to (queued): settled at intake', () => {
    expect(movesNoMessage('queued')).toBe(true);
    for (const status of ['sending', 'sent', 'delivered', 'read', 'failed', 'undelivered'] as const)
      expect(movesNoMessage(status)).toBe(false);
  });
});
