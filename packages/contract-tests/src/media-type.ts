/** The media type without parameters, lower-cased (`application/json;charset=x` → `application/json`). */
export function mediaTypeOf(contentType: string | undefined | null): string | undefined {
  return contentType?.split(";")[0]?.trim().toLowerCase() || undefined;
}
