import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { InstalledPlugin, OrgPlugin } from '../../api/types';
import { useMutation } from '../../api/use-mutation';
import { Button } from '../../components/button';
import { ErrorNotice } from '../../components/error-notice';
import { isSchema, issuesByPath, type JsonSchema } from '../../components/json-schema';
import { SchemaForm, withDefaults } from '../../components/schema-form';
import { Switch } from '../../components/switch';
import { useOrg } from '../../org/org-context';
import { adminPlugins } from '../../plugins/registry';

interface Props {
  state: OrgPlugin;
  installed: InstalledPlugin | undefined;
  canEdit: boolean;
  onChanged: (state: OrgPlugin) => void;
}

/** One plugin in the org: on/off, and its settings form generated from the plugin's schema. */
export function PluginCard({ state, installed, canEdit, onChanged }: Props) {
  const { org } = useOrg();
  const schema = isSchema(installed?.settingsSchema) ? (installed.settingsSchema as JsonSchema) : undefined;
  const hasFields = Boolean(schema?.properties && Object.keys(schema.properties).length > 0);
  const [values, setValues] = useState(() =>
    schema ? withDefaults(schema, state.settings) : state.settings,
  );
  const [saved, setSaved] = useState<string>();
  const confirmOff = useRef<HTMLDialogElement>(null);
  const put = useMutation((enabled: boolean) =>
    api<OrgPlugin>(`/orgs/${org.slug}/plugins/${state.id}`, {
      method: 'PUT',
      body: { enabled, ...(hasFields ? { settings: values } : {}) },
    }),
  );
  const fieldErrors = issuesByPath(put.error?.fieldErrors('settings') ?? {});
  const formLevel = fieldErrors[''];
  const hasFieldErrors = Object.keys(fieldErrors).some((k) => k !== '');
  const page = adminPlugins.get(state.id)?.pages?.[0];

  const apply = async (enabled: boolean, what: string) => {
    setSaved(undefined);
    const next = await put.run(enabled);
    if (next) {
      onChanged(next);
      setValues(schema ? withDefaults(schema, next.settings) : next.settings);
      setSaved(what);
    }
  };
  const toggle = (next: boolean) => {
    if (next) void apply(true, 'Turned on.');
    else confirmOff.current?.showModal();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void apply(state.enabled, 'Settings saved.');
  };

  return (
    <article
      className="card plugin-card"
      id={`plugin-${state.id}`}
      aria-labelledby={`plugin-${state.id}-title`}
    >
      <div className="card-header">
        <div>
          <h2 id={`plugin-${state.id}-title`}>
            {state.id} <span className="muted version">v{state.version}</span>
          </h2>
          <p className="card-description">{state.description ?? 'No description.'}</p>
        </div>
        <Switch
          checked={state.enabled}
          label={state.enabled ? 'On' : 'Off'}
          disabled={!canEdit}
          busy={put.running}
          onChange={toggle}
        />
      </div>
      {!state.enabled && hasFields && canEdit ? (
        <p className="muted">Fill in the settings below, then turn the plugin on.</p>
      ) : null}
      {state.enabled && page ? (
        <p>
          <Link to={`/orgs/${org.slug}/p/${state.id}/${page.path}`}>Open {page.label}</Link>
        </p>
      ) : null}
      {put.error && (!hasFieldErrors || formLevel) ? (
        <ErrorNotice error={put.error} title={state.enabled ? 'Not saved' : 'Not turned on'} />
      ) : null}
      {put.error && hasFieldErrors ? (
        <p className="notice notice-error" role="alert">
          {state.enabled ? 'Settings not saved' : `${state.id} was not turned on`}: fix the fields marked
          below.
        </p>
      ) : null}
      {schema && hasFields ? (
        <form className="form" onSubmit={submit} noValidate aria-label={`${state.id} settings`}>
          <fieldset className="fieldset-plain" disabled={!canEdit || put.running}>
            <SchemaForm schema={schema} values={values} errors={fieldErrors} onChange={setValues} />
          </fieldset>
          {canEdit ? (
            <div className="form-actions">
              <Button
                type="submit"
                variant={state.enabled ? 'primary' : 'default'}
                busy={put.running}
                busyLabel="Saving…"
              >
                {state.enabled ? 'Save settings' : 'Save without turning on'}
              </Button>
              {saved ? (
                <span className="muted" role="status">
                  {saved}
                </span>
              ) : null}
            </div>
          ) : null}
        </form>
      ) : saved ? (
        <p className="muted" role="status">
          {saved}
        </p>
      ) : null}
      <dialog ref={confirmOff} className="dialog" aria-labelledby={`plugin-${state.id}-off`}>
        <h2 id={`plugin-${state.id}-off`}>
          Turn {state.id} off for {org.name}?
        </h2>
        <p className="dialog-body">
          Its pages disappear and its scheduled work stops for this organization. Settings are kept.
        </p>
        <div className="dialog-actions">
          <Button autoFocus onClick={() => confirmOff.current?.close()}>
            Cancel
          </Button>
          <Button
            variant="danger"
            onClick={() => {
              confirmOff.current?.close();
              void apply(false, 'Turned off.');
            }}
          >
            Turn off
          </Button>
        </div>
      </dialog>
    </article>
  );
}
