import { z } from 'zod';
import { webUrl } from './input';

/** Longest Body license URL the database keeps (tenants.oparl_license). */
export const MAX_OPARL_LICENSE_LENGTH = 500;

/**
 * The authority's open-data settings: the license of its OParl data (Body/object `license`), an
 * absolute http(s) URL such as https://creativecommons.org/licenses/by/4.0/; null: none stated.
 */
export const oparlSettingsSchema = z.object({
  oparlLicense: webUrl({ max: MAX_OPARL_LICENSE_LENGTH })
    .refine((v) => !/\s/.test(v), 'must not contain spaces')
    .nullable(),
});
export type OParlSettingsDto = z.infer<typeof oparlSettingsSchema>;
