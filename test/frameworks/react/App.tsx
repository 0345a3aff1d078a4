// A React 19 component as an app would write it: the attribute as `token-endpoint`, the object
// literal as `params` (React 19 sets it as a property because the element has one), listeners as
// `onbi-embed-…` props, and the listeners' results kept in state and rendered.
import { useState } from 'react';
import type { AppLog, AppState } from '../app.js';

export function App({ endpoint, category, show, label, log }: AppState & { log: AppLog }) {
  const [lastFilters, setLastFilters] = useState('');
  const [lastError, setLastError] = useState('');
  return (
    <section>
      <h2>{label}</h2>
      {show && (
        <bi-embed
          ref={(el) => {
            log.refs.push(el);
            return () => void log.refs.push(null);
          }}
          token-endpoint={endpoint}
          params={{ category }}
          onbi-embed-filter-change={(event) => {
            log.filters.push(event.detail);
            setLastFilters(JSON.stringify(event.detail.filters));
          }}
          onbi-embed-error={(event) => {
            log.errors.push(event.detail.code);
            setLastError(event.detail.code);
          }}
        />
      )}
      <output className="filters">{lastFilters}</output>
      <output className="error">{lastError}</output>
    </section>
  );
}
