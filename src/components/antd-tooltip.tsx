// antd's Tooltip in its own chunk, loaded by lazy-tooltip.tsx on the first hover.
export { Tooltip } from 'antd';
