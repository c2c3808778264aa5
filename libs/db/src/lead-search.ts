/**
 * The text a lead search matches: name, email, company and phone, lower-cased. The trigram index
 * `ix_leads_tenant_search` is built on exactly this expression, so queries must use it verbatim.
 */
export const LEAD_SEARCH_EXPRESSION =
  `lower(coalesce("first_name", '') || ' ' || coalesce("last_name", '') || ' ' || coalesce("email", '') || ' ' || ` +
  `coalesce("company", '') || ' ' || coalesce("phone_normalized", ''))`;
