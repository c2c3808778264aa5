import { isEndedCallError, TelephonyPort } from '@app/providers';

/**
 * Gives a live call new TwiML (the safe harbour, a voicemail greeting, a hang-up). False when the call is already
 * over, because the person hung up first: no fault, and nothing to retry (its status callback records the end).
 */
export async function redirectLiveCall(
  port: TelephonyPort,
  callSid: string,
  twiml: string,
): Promise<boolean> {
  try {
    await port.updateCall(callSid, { twiml });
    return true;
  } catch (err) {
    if (isEndedCallError(err)) return false;
    throw err;
  }
}
