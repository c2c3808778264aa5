/** The platform clock's time as adapters take it (`() => clock.now()`); the system time by default. */
export type Now = () => Date;

export const systemNow: Now = () => new Date();
