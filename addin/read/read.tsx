import '../zod-without-eval.js';
import { mountPane } from '../panes/mount-pane.js';
import { ReadPane } from './ReadPane.js';

mountPane((host, t) => <ReadPane host={host} t={t} />);
