// Which per-process settings differ between the running processes. Pure: rows in, differences out.

export interface ProcessSettings {
  id: string;
  role: string;
  settings: Record<string, string>;
}

export interface SettingMismatch {
  setting: string;
  /** Each distinct value with the processes (`role id`) that have it, most common first. */
  values: Array<{ value: string; processes: string[] }>;
}

export function settingMismatches(processes: readonly ProcessSettings[]): SettingMismatch[] {
  const keys = [...new Set(processes.flatMap((p) => Object.keys(p.settings)))].sort();
  const mismatches: SettingMismatch[] = [];
  for (const setting of keys) {
    const byValue = new Map<string, string[]>();
    for (const p of processes) {
      const value = p.settings[setting] ?? '(unset)';
      byValue.set(value, [...(byValue.get(value) ?? []), `${p.role} ${p.id}`]);
    }
    if (byValue.size < 2) continue;
    const values = [...byValue].map(([value, names]) => ({ value, processes: names })).sort((a, b) => b.processes.length - a.processes.length);
    mismatches.push({ setting, values });
  }
  return mismatches;
}
