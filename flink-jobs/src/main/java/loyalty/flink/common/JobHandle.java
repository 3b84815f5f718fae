package loyalty.flink.common;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job running on a local MiniCluster. Closing it cancels the job and waits until it has stopped; the per-job
 * MiniCluster then shuts itself down. The last completed checkpoint stays on disk (see {@link LocalFlink}).
 */
public final class JobHandle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobHandle.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final JobClient client;

    public JobHandle(String name, JobClient client) {
        this.name = name;
        this.client = client;
    }

    public String name() {
        return name;
    }

    public JobID jobId() {
        return client.getJobID();
    }

    public JobStatus status() {
        try {
            return client.getJobStatus().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the status of job " + name, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot get the status of job " + name + ": " + e.getMessage(), e);
        }
    }

    /** Waits until the job is RUNNING; fails if it ends or the deadline passes first. */
    public void awaitRunning(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JobStatus status = status();
        while (status != JobStatus.RUNNING) {
            if (status.isGloballyTerminalState()) {
                throw new IllegalStateException("job " + name + " ended as " + status + " before running");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("job " + name + " not running after " + timeout + ": " + status);
            }
            pause();
            status = status();
        }
    }

    @Override
    public void close() {
        try {
            client.cancel().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while cancelling job " + name, e);
        } catch (ExecutionException | TimeoutException e) {
            // it has already ended (failed or finished): nothing to cancel, its end is reported below
            LOG.debug("event=job_cancel_skipped job={} id={} reason={}", name, jobId(), e.toString());
        }
        awaitEnd();
        LOG.info("event=job_stopped job={} id={}", name, jobId());
    }

    /** The execution result completes (normally or not) only once the job has left the cluster. */
    private void awaitEnd() {
        try {
            client.getJobExecutionResult().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping job " + name, e);
        } catch (ExecutionException expectedForCancelledJob) {
            // a cancelled job's result is an exception: that is the normal way out here
        } catch (TimeoutException e) {
            throw new IllegalStateException("job " + name + " did not stop within " + STOP_TIMEOUT, e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
