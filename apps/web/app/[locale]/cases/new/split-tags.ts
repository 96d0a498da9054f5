/**
 * What a person typed into the tags field, as the list of tags the API expects: Latin and Urdu
 * commas both separate, blanks around tags and repeated tags are dropped.
 */
export function splitTags(typed: string): string[] {
  const tags = typed
    .split(/[,،]/)
    .map((tag) => tag.trim())
    .filter(Boolean);
  return [...new Set(tags)];
}
