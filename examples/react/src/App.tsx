// The example app: a category picker of the app's own, and the dashboard it filters.
import { useState } from 'react';
import { SalesDashboard } from './SalesDashboard.js';

// The demo's token endpoint (`npm start` in the repository, with this app's origin allowed).
const endpoint = 'http://localhost:8080/api/embed-token?dashboard=1';

export function App() {
  const [category, setCategory] = useState('Gizmo');
  const [lastFilters, setLastFilters] = useState('');
  const [lastError, setLastError] = useState('');
  return (
    <>
      <h1>Sales (React 19)</h1>
      <label>
        Category{' '}
        <select value={category} onChange={(e) => setCategory(e.target.value)}>
          <option>Doohickey</option>
          <option>Gadget</option>
          <option>Gizmo</option>
          <option>Widget</option>
        </select>
      </label>
      <SalesDashboard
        endpoint={endpoint}
        category={category}
        onFilters={(d) => setLastFilters(JSON.stringify(d.filters))}
        onError={setLastError}
      />
      <p>
        Viewer's filters: <output>{lastFilters}</output>
      </p>
      <p>
        Last error: <output>{lastError}</output>
      </p>
    </>
  );
}
