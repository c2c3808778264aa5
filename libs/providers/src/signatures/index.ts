export * from './mailgun-signature';
export * from './meta-signature';
export * from './safe-equal';
export * from './telegram-secret';
export * from './twilio-signature';
