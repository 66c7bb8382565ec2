import { serve } from './edges/http/serve.js';

// `npm start`: the HTTP service, as `paperasse serve` starts it (src/edges/http/serve.ts).
serve();
