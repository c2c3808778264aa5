import { Foundation1763798400000 } from './1763798400000-foundation';

/** Every migration, oldest first. A generated migration is added here by hand. */
export const MIGRATIONS = [Foundation1763798400000];
