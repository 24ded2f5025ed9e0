/**
 * Field errors of a form, keyed by the dotted field path the API and the zod schemas of the
 * contracts use (`name`, `firstAdmin.email`, `branding.primaryColor`).
 */
export type FieldErrorPaths = ReadonlySet<string>;

/** Dotted paths of validation issues (zod `issues`), in order, without duplicates. */
export function issuePaths(issues: readonly { path: readonly PropertyKey[] }[]): string[] {
  return [...new Set(issues.map((issue) => issue.path.map(String).join('.')))];
}

/** Dotted paths of the invalid parameters of a problem (`errors[].name`), in order, without duplicates. */
export function problemPaths(errors: readonly { name: string }[]): string[] {
  return [...new Set(errors.map((error) => error.name))];
}
