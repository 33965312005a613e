// Control characters (C0, DEL, C1) have no place in any text a user or client sends:
// NUL cannot be stored by PostgreSQL at all (a 500 before), and the others hide text in logs
// and pages. One rule for every JSON body.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export function hasControlCharacter(text: string): boolean {
  return CONTROL.test(text);
}

/** The path (`a.b.0`, '' for the top) of the first string or key holding a control character. */
export function controlCharacterPath(value: unknown): string | undefined {
  // A loop, not recursion: a body may nest tens of thousands of levels deep.
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length > 0) {
    const [current, at] = stack.pop() as [unknown, string];
    if (typeof current === 'string') {
      if (hasControlCharacter(current)) return at;
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    for (const [key, child] of Object.entries(current)) {
      const childPath = at ? `${at}.${key}` : key;
      if (hasControlCharacter(key)) return childPath;
      stack.push([child, childPath]);
    }
  }
  return undefined;
}
