/**
 * The first-screen benchmark's baseline: a bare antd page with the components the task
 * list's first screen is made of (Table, Select, RangePicker, Drawer), no data and no
 * requests, built by the same toolchain (Vite, React 19, antd 6) and served by the same
 * server. src/bench/first-screen.ts measures its navigation → first paint.
 */
import { ConfigProvider, DatePicker, Drawer, Select, Table } from 'antd';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';

const COLUMNS = ['Task ID', 'Status', 'Product', 'Entity', 'Scene', 'Source', 'Created', 'Processed'].map(
  (title) => ({ title, dataIndex: title, key: title }),
);

function BarePage() {
  const [open, setOpen] = useState(false);
  return (
    <ConfigProvider>
      <main style={{ padding: 24 }}>
        <h1>Response tasks</h1>
        <div style={{ display: 'flex', gap: 8, marginBottom: 16 }}>
          <Select
            mode="multiple"
            placeholder="Status"
            style={{ minWidth: 200 }}
            options={[{ value: '90', label: 'Failed (90)' }]}
          />
          <DatePicker.RangePicker showTime />
        </div>
        <Table
          columns={COLUMNS}
          dataSource={[]}
          rowKey="Task ID"
          onRow={() => ({ onClick: () => setOpen(true) })}
        />
        <Drawer open={open} onClose={() => setOpen(false)} title="Task" />
      </main>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BarePage />
  </StrictMode>,
);
