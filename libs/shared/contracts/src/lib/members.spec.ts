import { annotationListQuerySchema, createAnnotationSchema, myDocumentsQuerySchema, myMeetingsQuerySchema, updateAnnotationSchema } from './members';
import { MemberRoutes } from './members-routes';

const PAPER = '5b0c7c1e-1d2a-4c3b-8e4f-0a1b2c3d4e5f';
const FILE = '6c1d8d2f-2e3b-4d4c-9f50-1b2c3d4e5f60';
const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => r.error?.issues.map((i) => i.path.join('.')) ?? [];

describe('members contract', () => {
  it('an annotation names exactly one target, and keeps line breaks but no other control characters', () => {
    expect(createAnnotationSchema.parse({ paperId: PAPER, text: '  Erste Zeile\nZweite\tZeile  ' })).toEqual({ paperId: PAPER, text: 'Erste Zeile\nZweite\tZeile' });
    expect(paths(createAnnotationSchema.safeParse({ text: 'x' }))).toEqual(['paperId']);
    expect(paths(createAnnotationSchema.safeParse({ paperId: PAPER, fileId: FILE, text: 'x' }))).toEqual(['fileId']);
    expect(paths(createAnnotationSchema.safeParse({ fileId: FILE, text: 'Glocke \u0007' }))).toEqual(['text']);
    expect(paths(createAnnotationSchema.safeParse({ fileId: FILE, text: '   ' }))).toEqual(['text']);
    expect(paths(createAnnotationSchema.safeParse({ fileId: FILE, text: 'x'.repeat(10_001) }))).toEqual(['text']);
    expect(createAnnotationSchema.safeParse({ fileId: FILE, text: 'x'.repeat(10_000) }).success).toBe(true);
    expect(paths(createAnnotationSchema.safeParse({ fileId: FILE, text: 'x', accountId: PAPER }))).toEqual(['']);
    expect(paths(updateAnnotationSchema.safeParse({ text: 'neu', paperId: PAPER }))).toEqual(['']);
    expect(paths(annotationListQuerySchema.safeParse({ paperId: PAPER, fileId: FILE }))).toEqual(['fileId']);
  });

  it('pages my meetings upcoming by default, and refuses what it does not know', () => {
    expect(myMeetingsQuerySchema.parse({})).toEqual({ when: 'upcoming', limit: 20 });
    expect(paths(myMeetingsQuerySchema.safeParse({ when: 'gestern' }))).toEqual(['when']);
    expect(paths(myMeetingsQuerySchema.safeParse({ cursor: 'abc' }))).toEqual(['cursor']);
    expect(paths(myDocumentsQuerySchema.safeParse({ q: 'x'.repeat(201) }))).toEqual(['q']);
  });

  it('builds the routes under /api/office/:tenant/me, encoding the parts', () => {
    expect(MemberRoutes.annotation('burg', 'a/b')).toBe('/api/office/burg/me/annotations/a%2Fb');
    expect(MemberRoutes.annotationsExport('burg')).toBe('/api/office/burg/me/annotations/export');
  });
});
