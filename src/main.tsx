import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';

// Placeholder page until the task browser lands: asks the proxy for the total count.
function App() {
  const [total, setTotal] = useState<string>('…');
  useEffect(() => {
    fetch('/api/DescribeProcessTasks?PageSize=1')
      .then((r) => r.json())
      .then((b: { Page?: { TotalCount?: number }; Code?: string }) =>
        setTotal(b.Page ? String(b.Page.TotalCount) : `error ${b.Code ?? ''}`),
      )
      .catch(() => setTotal('unreachable'));
  }, []);
  return (
    <main>
      <h1>Response Task Console</h1>
      <p>
        Response tasks: <output data-testid="total-count">{total}</output>
      </p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
