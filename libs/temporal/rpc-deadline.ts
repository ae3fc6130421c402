import { type InterceptingCall, type InterceptingListener, Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import { Injectable } from '@nestjs/common';
import { ConnectionOptions, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';

type Interceptor = NonNullable<ConnectionOptions['interceptors']>[number];

/** How long one Temporal RPC (with the SDK's retries) may take before the caller gets 503. */
export const TEMPORAL_RPC_DEADLINE_MS = 2_500;
/**
 * Long polls (a workflow's result, an update's outcome) wait by design; they get a longer
 * deadline of their own, never none.
 */
export const TEMPORAL_LONG_POLL_DEADLINE_MS = 60_000;
const LONG_POLLS = /\/(GetWorkflowExecutionHistory|PollWorkflowExecutionUpdate)$/;

/**
 * gRPC interceptors for every Temporal client connection: a deadline on every call that
 * has none (`client.withDeadline` still wins), outside the SDK's retry interceptor so its
 * retries of an unreachable server stop at the deadline instead of 10–20 s later.
 */
export function deadlineInterceptors(rpcDeadlineMs = TEMPORAL_RPC_DEADLINE_MS, retries = new RpcRetries()): Interceptor[] {
  // grpc-js accepts the next call itself as the intercepting call (its type wants the class).
  const deadline: Interceptor = (options, nextCall) => {
    if (options.deadline !== undefined) return nextCall(options) as ReturnType<Interceptor>;
    const ms = LONG_POLLS.test(options.method_definition.path) ? TEMPORAL_LONG_POLL_DEADLINE_MS : rpcDeadlineMs;
    return nextCall({ ...options, deadline: Date.now() + ms }) as ReturnType<Interceptor>;
  };
  return [deadline, retries.interceptor(), retries.closedGuard()];
}

/**
 * The SDK's retries, told when the connection closes. A retry is a timer that creates the
 * call again; one firing after `close()` throws "Channel has been shut down" from the timer,
 * outside any caller. So on shutdown: no new retries, and the close waits for the pending ones.
 */
@Injectable()
export class RpcRetries {
  private closing = false;
  private pendingUntil = 0;

  interceptor(): Interceptor {
    const sdk = defaultGrpcRetryOptions();
    return makeGrpcRetryInterceptor({
      retryableDecider: (attempt, status) => !this.closing && sdk.retryableDecider(attempt, status),
      delayFunction: (attempt, status) => {
        const ms = sdk.delayFunction(attempt, status);
        this.pendingUntil = Math.max(this.pendingUntil, Date.now() + ms);
        return ms;
      },
    });
  }

  /**
   * Inside the retries: once closing, a retry that fires anyway (its delay was longer than
   * the drain waits) fails with CANCELLED instead of asking the closed channel for a call,
   * which would throw from the timer.
   */
  closedGuard(): Interceptor {
    return (options, nextCall) => (this.closing ? (closedCall() as InterceptingCall) : (nextCall(options) as ReturnType<Interceptor>));
  }

  /** Stops retrying and resolves once every scheduled retry has fired (at most `maxMs`). */
  async drain(maxMs = 5_000): Promise<void> {
    this.closing = true;
    const wait = Math.min(this.pendingUntil - Date.now(), maxMs);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 50));
  }
}

/** A call that ends at once with CANCELLED: what a retry gets once the connection is closing. */
function closedCall(): Pick<
  InterceptingCall,
  'start' | 'cancelWithStatus' | 'getPeer' | 'sendMessageWithContext' | 'sendMessage' | 'startRead' | 'halfClose' | 'getAuthContext'
> {
  const nothing = () => undefined;
  return {
    start: (_metadata: Metadata, listener?: Partial<InterceptingListener>) => {
      setImmediate(() => {
        // An empty message first: before a final status the SDK's retry interceptor hands on the
        // message its first attempt received, assuming there was one. A call made after close has
        // its first attempt here, and without it threw from this timer. The status fails the call.
        listener?.onReceiveMessage?.(null);
        listener?.onReceiveStatus?.({ code: GrpcStatus.CANCELLED, details: 'the Temporal connection is closed', metadata: new Metadata() });
      });
    },
    cancelWithStatus: nothing,
    getPeer: () => '',
    sendMessageWithContext: nothing,
    sendMessage: nothing,
    startRead: nothing,
    halfClose: nothing,
    getAuthContext: () => null,
  };
}
