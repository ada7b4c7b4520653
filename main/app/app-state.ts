import type { EngineState } from '../core/engine-events.js';
import type { AppState, TokenStatus } from '../ipc/contract.js';
import type { Session } from './session.js';

/** The engine's pause as the window tells it apart: a 402 is the subscription, not the token. */
export function pausedOf(engine: EngineState | undefined): AppState['paused'] {
  if (!engine?.paused) return null;
  if (engine.paused === 'credentials' && engine.credentialsStatus === 402) return 'subscription';
  return engine.paused;
}

/** What the window shows of polling: why it stopped, why it waits and until when, the token. */
export function appStateOf(session: Session | undefined, token: TokenStatus): AppState {
  const engine = session?.scheduler.state;
  const wall = (t: number) => new Date(session?.wallTime?.(t) ?? t).toISOString();
  const hold =
    engine?.hold && !engine.paused && !engine.offline
      ? {
          kind: engine.hold.kind,
          message: engine.hold.cause,
          ...(engine.holdUntil > 0 ? { until: wall(engine.holdUntil) } : {}),
        }
      : undefined;
  const heldAccounts = engine?.heldAccounts?.slice(0, 50).map(({ account, until }) => ({
    account,
    until: wall(until),
  }));
  return {
    paused: pausedOf(engine),
    offline: engine?.offline ?? false,
    demo: session?.simulator !== undefined,
    message: engine?.message,
    ...(hold ? { hold } : {}),
    ...(heldAccounts?.length ? { heldAccounts } : {}),
    token,
  };
}
