import { AppError, ErrorCode, FieldIssue } from '@app/common';

/** The answers a new lead can be refused with, the same for one lead and for an item of an array. */

export function invalidLead(errors: FieldIssue[]): AppError {
  return AppError.validation(
    `Invalid lead: ${errors.map((e) => `${e.field} ${e.reason}`).join('; ')}`,
    errors,
  );
}

export function leadWithoutAddress(): AppError {
  return AppError.validation('A lead needs a phone or an email', [
    { field: 'phone', reason: 'or email is required' },
  ]);
}

export function onDoNotContactList(dncEntryId: string): AppError {
  return new AppError(ErrorCode.POLICY_VIOLATION, 'This person is on the do-not-contact list', {
    rule: 'do_not_contact',
    dnc_entry_id: dncEntryId,
  });
}
