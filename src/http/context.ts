import type { Config, Secrets } from '../config';
import type { Deps } from '../domain/deps';

/** What every request carries: the config read once, the domain's dependencies and the one clock's now. */
export interface AppEnv {
  Bindings: Env & Secrets;
  Variables: { config: Config; deps: Deps; now: number };
}
