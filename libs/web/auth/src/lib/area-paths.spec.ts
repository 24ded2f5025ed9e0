import { isSignedInArea, officeLink, operatorLink, publicPageFor, safeReturnPath } from './area-paths';

describe('area paths', () => {
  it('builds links into the signed-in areas', () => {
    expect(officeLink('burg', 'sitzungen', 'm1')).toEqual(['/', 'burg', 'verwaltung', 'sitzungen', 'm1']);
    expect(operatorLink('neu')).toEqual(['/', 'betrieb', 'neu']);
  });

  it('leaves a signed-in area for its public page', () => {
    expect(publicPageFor('/burg/verwaltung/benutzer')).toBe('/burg');
    expect(publicPageFor('/betrieb/kommunen/1?x=1')).toBe('/');
    expect(publicPageFor('/burg/sitzungen/1')).toBe('/burg/sitzungen/1');
    expect(isSignedInArea('/burg/verwaltung')).toBe(true);
    expect(isSignedInArea('/burg')).toBe(false);
  });

  it('accepts only in-app paths as return targets', () => {
    expect(safeReturnPath('/burg/verwaltung?x=1')).toBe('/burg/verwaltung?x=1');
    expect(safeReturnPath('//evil.example/')).toBeNull();
    expect(safeReturnPath('https://evil.example/')).toBeNull();
    expect(safeReturnPath('/\\evil.example')).toBeNull();
    expect(safeReturnPath(null)).toBeNull();
  });
});
