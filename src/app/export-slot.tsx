import type { ExportSlotProps } from '../features/process-tasks/components/task-browser';

/**
 * The toolbar slot for the export feature (src/features/export, another owner).
 * Replaced by a React.lazy ExportButton once that module exists.
 */
export function renderExportSlot(_props: ExportSlotProps) {
  return null;
}
