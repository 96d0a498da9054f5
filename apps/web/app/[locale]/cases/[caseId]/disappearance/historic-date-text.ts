/** A historic date as written (`1994-06`, or `1994-06 – 1994-08` for a range), always left to right. */
export function historicDateText(date: { from: string; to: string | null }): string {
  return date.to ? `${date.from} – ${date.to}` : date.from;
}
