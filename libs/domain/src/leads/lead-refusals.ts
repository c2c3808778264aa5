import { AppError, ErrorCode, FieldIssue, invalidInput } from '@app/common';

/** The answers a new lead can be refused with, the same for one lead and for an item of an array. */

export function invalidLead(errors: FieldIssue[]): AppError {
  return invalidInput(errors);
}

export function leadWithoutAddress(): AppError {
  return AppError.field('phone', 'or email is required');
}

export function onDoNotContactList(dncEntryId: string): AppError {
  return new AppError(ErrorCode.POLICY_VIOLATION, 'This person is on the do-not-contact list', {
    rule: 'do_not_contact',
    dnc_entry_id: dncEntryId,
  });
}
