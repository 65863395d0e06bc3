import { forgetDurations } from '../../nodes/OdiRouter/helpers/durationMemory';

// The node's test files share one module graph per worker (loading n8n-core for each file costs
// more than its tests). Each file still starts with the node's state of a fresh n8n process: no
// task durations learned by earlier files.
forgetDurations();
