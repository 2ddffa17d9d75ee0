import { type ReactNode, useEffect } from 'react';

/** The page's heading, its one-line purpose and its main actions; also sets the document title. */
export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  useEffect(() => {
    document.title = `${title} · Racedesk`;
  }, [title]);
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {description ? <p className="page-description">{description}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </header>
  );
}

/** A titled block of a page. */
export function Section({
  title,
  description,
  children,
  actions,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className="card" aria-label={title}>
      <div className="card-header">
        <div>
          <h2>{title}</h2>
          {description ? <p className="card-description">{description}</p> : null}
        </div>
        {actions}
      </div>
      {children}
    </section>
  );
}
