package dev.harness.worker.temporal;

import dev.harness.worker.remote.RemoteResult;
import dev.harness.worker.remote.RemoteTask;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The attempt itself, run by whichever worker host polls the task queue first. */
@ActivityInterface
public interface TaskActivity {
    @ActivityMethod
    RemoteResult attempt(RemoteTask task);
}
