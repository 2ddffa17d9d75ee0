import { MATCH_STATES, STATE_LABELS, type Tournament } from '../../api/domain-types';
import { SelectField } from '../../components/field';
import { RANGES, type Range } from './schedule-range';

/** The schedule's filters: window, tournament and state; every change is kept in the URL. */
export function ScheduleFilters({
  range,
  tournament,
  status,
  tournaments,
  onChange,
}: {
  range: Range;
  tournament: string;
  status: string;
  tournaments: readonly Tournament[];
  onChange: (key: 'range' | 'tournament' | 'status', value: string) => void;
}) {
  return (
    <div className="filters">
      <fieldset className="segmented">
        <legend className="sr-only">When</legend>
        {RANGES.map((r) => (
          <label key={r.value} className={`segment${range === r.value ? ' segment-on' : ''}`}>
            <input
              type="radio"
              name="range"
              value={r.value}
              checked={range === r.value}
              onChange={() => onChange('range', r.value)}
            />
            {r.label}
          </label>
        ))}
      </fieldset>
      <SelectField
        label="Tournament"
        value={tournament}
        onChange={(e) => onChange('tournament', e.target.value)}
        options={[
          { value: '', label: 'All tournaments' },
          ...tournaments.map((t) => ({ value: String(t.id), label: t.name })),
        ]}
      />
      <SelectField
        label="State"
        value={status}
        onChange={(e) => onChange('status', e.target.value)}
        options={[
          { value: '', label: 'Any state' },
          ...MATCH_STATES.map((s) => ({ value: s, label: STATE_LABELS[s] })),
        ]}
      />
    </div>
  );
}
