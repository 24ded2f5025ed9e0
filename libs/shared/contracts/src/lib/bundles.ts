import { z } from 'zod';
import { MEETING_BUNDLE_VARIANTS } from './bundle-routes';

/**
 * A meeting bundle (Sitzungsmappe) as a meeting page shows it: whether it can be downloaded now,
 * and its facts. `available: false` while it is being generated (or could not be: `failed`);
 * the URL then answers 404 and asks for it to be generated.
 */
export const meetingBundleInfoSchema = z
  .object({
    available: z.boolean(),
    /** It could not be generated (e.g. more pages than a bundle may have). */
    failed: z.boolean(),
    generatedAt: z.string().nullable(),
    pageCount: z.number().int().nullable(),
    size: z.number().int().nullable(),
    url: z.string(),
  })
  .meta({ id: 'MeetingBundleInfo' });
export type MeetingBundleInfo = z.infer<typeof meetingBundleInfoSchema>;

/** The back office's bundles of a meeting: `full` is null for a reader who may not read all of its non-public items. */
export const officeMeetingBundlesSchema = z.object({ public: meetingBundleInfoSchema, full: meetingBundleInfoSchema.nullable() });
export type OfficeMeetingBundles = z.infer<typeof officeMeetingBundlesSchema>;

export const officeBundleQuerySchema = z
  .object({
    variant: z.enum(MEETING_BUNDLE_VARIANTS).default('public'),
    download: z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true').optional(),
  })
  .strict();
export type OfficeBundleQuery = z.infer<typeof officeBundleQuerySchema>;

export const portalBundleQuerySchema = officeBundleQuerySchema.omit({ variant: true });
export type PortalBundleQuery = z.infer<typeof portalBundleQuerySchema>;
