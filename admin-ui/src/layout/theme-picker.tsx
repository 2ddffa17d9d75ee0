import { useId, useState } from 'react';
import { applyTheme, storedTheme, type Theme } from './theme';

/** Chooses light, dark or the system theme. */
export function ThemePicker() {
  const [theme, setTheme] = useState<Theme>(storedTheme);
  const id = useId();
  return (
    <div className="topbar-control">
      <label htmlFor={id} className="sr-only">
        Theme
      </label>
      <select
        id={id}
        className="input input-compact"
        value={theme}
        onChange={(e) => {
          const next = e.target.value as Theme;
          setTheme(next);
          applyTheme(next);
        }}
      >
        <option value="system">Auto theme</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </div>
  );
}
