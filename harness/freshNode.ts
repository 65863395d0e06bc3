import { forgetDurations } from '../nodes/OdiRouter/polling/durationMemory';
import { forgetSubmits } from '../nodes/OdiRouter/polling/taskAges';

// The node's test files share one module graph per worker (loading n8n-core for each file costs
// more than its tests). Each file still starts with the node's state of a fresh n8n process: no
// task durations learned, no tasks submitted by earlier files.
forgetDurations();
forgetSubmits();
