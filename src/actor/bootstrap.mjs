// Worker bootstrap: Node 20 workers cannot load .ts through --import, so tsx is registered in this thread first.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
