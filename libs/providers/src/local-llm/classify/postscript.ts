/** "P.S.", "PS:", "ps.", "P.P.S." opening a line, or the Spanish posdata "P.D.:", "PD:": the writer's own words again. */
export const POSTSCRIPT = /^\s*(p\.?\s?(p\.?\s?)?s\b\.?|p\.\s?d\.|pd\s*:)\s*[:.,-]?\s*\S/i;
