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
export function deadlineInterceptors(rpcDeadlineMs = TEMPORAL_RPC_DEADLINE_MS): Interceptor[] {
  // grpc-js accepts the next call itself as the intercepting call (its type wants the class).
  const deadline: Interceptor = (options, nextCall) => {
    if (options.deadline !== undefined) return nextCall(options) as ReturnType<Interceptor>;
    const ms = LONG_POLLS.test(options.method_definition.path) ? TEMPORAL_LONG_POLL_DEADLINE_MS : rpcDeadlineMs;
    return nextCall({ ...options, deadline: Date.now() + ms }) as ReturnType<Interceptor>;
  };
  return [deadline, makeGrpcRetryInterceptor(defaultGrpcRetryOptions())];
}
