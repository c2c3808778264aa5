/**
 * A phone number in E.164, as we store, send and compare numbers: '+', a country code (no leading 0), 7 to 15
 * digits in all. The format only: whether the number exists is libphonenumber's to say (normalizePhone).
 */
export const E164 = /^\+[1-9]\d{6,14}$/;
