import { sql, type SQL } from 'drizzle-orm';

/**
 * A list of values as one bound parameter: D1 binds at most 100 per statement, and `inArray` binds one per
 * value, so a list that grows with the data (plans, clicks, deliveries) travels as JSON instead.
 */
export const idList = (ids: readonly (string | number)[]): SQL => sql`(select value from json_each(${JSON.stringify(ids)}))`;
