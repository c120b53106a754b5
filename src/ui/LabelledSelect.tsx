// A select with its visible label above it and its own accessible name (the batch panels' fields).

import type { CSSProperties, ReactNode } from 'react';

export interface LabelledSelectProps<T extends string> {
  readonly label: string;
  /** the accessible name (the label can be longer) */
  readonly name: string;
  readonly value: T;
  readonly options: readonly T[];
  /** an option's text */
  readonly text: (value: T) => string;
  readonly onChange: (value: T) => void;
  readonly style?: CSSProperties;
}

export function LabelledSelect<T extends string>({
  label,
  name,
  value,
  options,
  text,
  onChange,
  style,
}: LabelledSelectProps<T>): ReactNode {
  return (
    <label>
      {label}
      <select
        value={value}
        aria-label={name}
        style={style}
        onChange={(e) => {
          const picked = options.find((o) => o === e.currentTarget.value);
          if (picked !== undefined) onChange(picked);
        }}
      >
        {options.map((o) => (
          <option key={o} value={o}>
            {text(o)}
          </option>
        ))}
      </select>
    </label>
  );
}
