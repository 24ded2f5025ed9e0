/** Sums JUnit XML reports (Jest, Vitest, Playwright, node:test) into one closing line. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** Counts <testcase> elements, so nested <testsuite> totals are never counted twice. */
export function countJUnit(xml: string): Counts {
  const counts: Counts = { passed: 0, failed: 0, skipped: 0 };
  const re = /<testcase\b[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const body = m[2] ?? '';
    if (/<(failure|error)\b/.test(body)) counts.failed++;
    else if (/<skipped\b/.test(body)) counts.skipped++;
    else counts.passed++;
  }
  return counts;
}

export async function summarize(dir: string): Promise<{ total: Counts; perFile: Record<string, Counts> }> {
  const total: Counts = { passed: 0, failed: 0, skipped: 0 };
  const perFile: Record<string, Counts> = {};
  let files: string[] = [];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.xml')).sort();
  } catch {
    /* no reports */
  }
  for (const f of files) {
    const c = countJUnit(await readFile(join(dir, f), 'utf8'));
    perFile[f] = c;
    total.passed += c.passed;
    total.failed += c.failed;
    total.skipped += c.skipped;
  }
  return { total, perFile };
}

export function closingLine(c: Counts): string {
  return `${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}`;
}
