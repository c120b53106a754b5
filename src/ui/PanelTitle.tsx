// A panel's heading with its "?" toggletip beside it (not inside: the heading's name stays the
// title alone, for the section it labels).

import { memo, type ReactNode } from 'react';
import { Toggletip } from './Toggletip';
import './PanelTitle.css';

function PanelTitleView({ id, topic, help, children }: { id: string; topic: string; help: string; children: ReactNode }): ReactNode {
  return (
    <div className="panel-title">
      <h2 id={id}>{children}</h2>
      <Toggletip topic={topic}>{help}</Toggletip>
    </div>
  );
}

/** memo: the playing panels re-render with their data, their titles stay */
export const PanelTitle = memo(PanelTitleView);
