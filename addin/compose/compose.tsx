import '../zod-without-eval.js';
import { mountPane } from '../panes/mount-pane.js';
import { ComposePane } from './ComposePane.js';

mountPane((host, t) => <ComposePane host={host} t={t} />);
