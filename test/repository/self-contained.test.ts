// A user's fresh clone has nothing beside it: no file of the repository may name a path outside
// it (a sibling folder of the checkout, or this machine's absolute folders), or the tests and
// benchmarks would pass here and fail there.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');
const SKIP_DIRS = new Set(['.git', 'node_modules', 'test-results', 'data', 'coverage']);
const TEXT = /\.(ts|tsx|mts|mjs|cjs|js|json|md|yaml|yml|sh|css|html|txt)$|^(Dockerfile|run|\.gitignore|\.dockerignore)$/;

function* repoFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP_DIRS.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* repoFiles(path);
    else if (entry.isFile() && TEXT.test(entry.name) && statSync(path).size < 2_000_000) yield path;
  }
}

/** Patterns that point outside the checkout, wherever it was cloned. */
function outsidePatterns(): RegExp[] {
  const parent = dirname(REPO);
  const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [
    ...(parent === '/' ? [] : [new RegExp(`${escaped(parent)}/`)]),
    /\.\.\/shared\b/,
    /(^|[\s'"`(=])\/work\//,
    /(^|[\s'"`(=])\/(home|Users)\/[a-z]/,
  ];
}

export function findOutsideReferences(): string[] {
  const patterns = outsidePatterns();
  const found: string[] = [];
  for (const file of repoFiles(REPO)) {
    const name = relative(REPO, file).split(sep).join('/');
    if (name === 'test/repository/self-contained.test.ts') continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (patterns.some((pattern) => pattern.test(line))) found.push(`${name}:${index + 1}: ${line.trim().slice(0, 120)}`);
      });
  }
  return found;
}

describe('the repository is self-contained', () => {
  it('names no path outside the checkout', () => {
    expect(findOutsideReferences()).toEqual([]);
  });

  it('keeps the Radarr/Sonarr payloads the tests read inside test/fixtures/arr', () => {
    for (const name of ['radarr/webhook-download.json', 'radarr/api-movie.json', 'sonarr/webhook-download.json', 'sonarr/api-series.json']) {
      expect(() => JSON.parse(readFileSync(join(REPO, 'test/fixtures/arr', name), 'utf8'))).not.toThrow();
    }
  });
});
