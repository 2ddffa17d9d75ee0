import { useState } from 'react';

/** Copies `text` to the clipboard and says so; falls back to selecting `fallbackTarget`'s text. */
export function CopyButton({
  text,
  label = 'Copy',
  fallbackTarget,
}: {
  text: string;
  label?: string;
  fallbackTarget?: string;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      // Clipboard access can be refused (plain http, permissions): select the text for Ctrl+C instead.
      const target = fallbackTarget ? document.getElementById(fallbackTarget) : null;
      if (target instanceof HTMLInputElement) target.select();
      setState('failed');
    }
    window.setTimeout(() => setState('idle'), 4000);
  };
  return (
    <>
      <button type="button" className="btn btn-primary" onClick={() => void copy()}>
        {state === 'copied' ? 'Copied' : label}
      </button>
      <span className="sr-only" role="status" aria-live="polite">
        {state === 'copied'
          ? 'Copied to the clipboard'
          : state === 'failed'
            ? 'Could not copy; the text is selected, press Ctrl+C'
            : ''}
      </span>
      {state === 'failed' ? (
        <span className="muted"> Copy was blocked; the token is selected, press Ctrl+C.</span>
      ) : null}
    </>
  );
}
