import { useId, useState } from 'react';
import { type FieldSchema, fieldLabel } from '../schema.ts';

/**
 * A form for one object of the scenario format, generated from its JSON Schema: a select for a
 * choice, a number field (with the allowed range), a checkbox, a text field — and, for nested
 * settings (a window, a watermark strategy, a map function), their JSON. An empty field falls back
 * to the default. The engine's validation problems appear under the field they are about.
 */
export function SchemaForm({
  schema,
  value,
  onChange,
  issues,
  skip = [],
  readOnly = [],
  idPrefix,
}: {
  readonly schema: FieldSchema;
  readonly value: Readonly<Record<string, unknown>>;
  readonly onChange: (field: string, value: unknown) => void;
  /** Messages by field name. */
  readonly issues: ReadonlyMap<string, readonly string[]>;
  readonly skip?: readonly string[];
  readonly readOnly?: readonly string[];
  readonly idPrefix: string;
}) {
  const fields = Object.entries(schema.properties ?? {}).filter(([name]) => !skip.includes(name));
  return (
    <div className="form">
      {fields.map(([name, field]) => (
        <Field
          key={`${idPrefix}.${name}`}
          name={name}
          field={field}
          value={value[name]}
          required={schema.required?.includes(name) ?? false}
          readOnly={readOnly.includes(name)}
          issues={issues.get(name) ?? []}
          onChange={(v) => onChange(name, v)}
        />
      ))}
    </div>
  );
}

function Field({
  name,
  field,
  value,
  required,
  readOnly,
  issues,
  onChange,
}: {
  name: string;
  field: FieldSchema;
  value: unknown;
  required: boolean;
  readOnly: boolean;
  issues: readonly string[];
  onChange: (value: unknown) => void;
}) {
  const id = useId();
  const label = fieldLabel(name);
  const errorId = `${id}-error`;
  const described = issues.length > 0 ? { 'aria-describedby': errorId, 'aria-invalid': true } : {};
  const placeholder =
    field.default !== undefined ? `default: ${JSON.stringify(field.default)}` : required ? 'required' : '';
  let input;
  if (field.const !== undefined || readOnly) {
    input = <output id={id}>{String(value ?? field.const ?? '')}</output>;
  } else if (field.enum) {
    input = (
      <select
        id={id}
        value={value === undefined ? '' : String(value)}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        {...described}
      >
        <option value="">{field.default !== undefined ? `${String(field.default)} (default)` : '—'}</option>
        {field.enum.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  } else if (field.type === 'number' || field.type === 'integer') {
    input = (
      <NumberInput
        id={id}
        field={field}
        value={value}
        placeholder={placeholder}
        onChange={onChange}
        described={described}
      />
    );
  } else if (field.type === 'boolean') {
    input = (
      <input
        id={id}
        type="checkbox"
        checked={value === undefined ? Boolean(field.default) : Boolean(value)}
        onChange={(e) => onChange(e.target.checked)}
        {...described}
      />
    );
  } else if (field.type === 'string') {
    input = (
      <input
        id={id}
        type="text"
        value={value === undefined ? '' : String(value)}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        {...described}
      />
    );
  } else {
    input = (
      <JsonInput id={id} value={value} placeholder={placeholder} onChange={onChange} described={described} />
    );
  }
  return (
    <div className={`field${issues.length > 0 ? ' invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {input}
      {issues.length > 0 && (
        <p id={errorId} className="field-error" role="alert">
          {issues.join('; ')}
        </p>
      )}
    </div>
  );
}

type Described = Record<string, unknown>;

function NumberInput({
  id,
  field,
  value,
  placeholder,
  onChange,
  described,
}: {
  id: string;
  field: FieldSchema;
  value: unknown;
  placeholder: string;
  onChange: (v: unknown) => void;
  described: Described;
}) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  // A value changed from outside (undo, a rename) replaces the text; the echo of our own edit does
  // not, so "1." or "1e" stay as typed. (Adjusting state while rendering, as React recommends.)
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if ((text === '' ? undefined : Number(text)) !== value) setText(value === undefined ? '' : String(value));
  }
  return (
    <input
      id={id}
      type="number"
      inputMode="decimal"
      value={text}
      min={field.minimum ?? field.exclusiveMinimum}
      max={field.maximum}
      step={field.type === 'integer' ? 1 : 'any'}
      placeholder={placeholder}
      onChange={(e) => {
        setText(e.target.value);
        if (e.target.value === '') onChange(undefined);
        else if (Number.isFinite(Number(e.target.value))) onChange(Number(e.target.value));
      }}
      {...described}
    />
  );
}

/** Nested settings as JSON; a value that does not parse stays in the box with an error, unapplied. */
function JsonInput({
  id,
  value,
  placeholder,
  onChange,
  described,
}: {
  id: string;
  value: unknown;
  placeholder: string;
  onChange: (v: unknown) => void;
  described: Described;
}) {
  const shown = value === undefined ? '' : JSON.stringify(value, null, 1);
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  // A new value (applied, or changed from outside) replaces the text and its error.
  const [seen, setSeen] = useState(shown);
  if (shown !== seen) {
    setSeen(shown);
    setText(shown);
    setError(null);
  }
  return (
    <>
      <textarea
        id={id}
        value={text}
        rows={Math.min(8, Math.max(2, text.split('\n').length))}
        placeholder={placeholder}
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => {
          if (text.trim() === '') {
            setError(null);
            onChange(undefined);
            return;
          }
          try {
            const parsed: unknown = JSON.parse(text);
            setError(null);
            onChange(parsed);
          } catch (e) {
            setError(`not JSON: ${e instanceof Error ? e.message : String(e)}`);
          }
        }}
        {...described}
      />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
