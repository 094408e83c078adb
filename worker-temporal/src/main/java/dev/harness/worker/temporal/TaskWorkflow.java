package dev.harness.worker.temporal;

import dev.harness.worker.remote.RemoteResult;
import dev.harness.worker.remote.RemoteTask;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One attempt of one worker, as a Temporal workflow: its history is the attempt's durable record. */
@WorkflowInterface
public interface TaskWorkflow {
    @WorkflowMethod
    RemoteResult run(RemoteTask task);
}
