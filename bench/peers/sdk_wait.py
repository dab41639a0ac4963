"""Waits for PyTorchJobs with the Kubeflow Training SDK, as a platform engineer's
script would: TrainingClient.wait_for_job_conditions, one thread per job.

Usage: sdk_wait.py <namespace> <polling interval s> <timeout s> <job>...
Prints one JSON line per job when its wait ends: {"job", "at" (ms since the epoch),
"outcome": "met" | "failed" | "error", "detail"}.
"""
import json
import sys
import threading
import time

from kubeflow.training import TrainingClient


def wait(client, namespace, job, interval, timeout, lock):
    outcome, detail = "met", ""
    try:
        client.wait_for_job_conditions(job, namespace, job_kind="PyTorchJob", polling_interval=interval,
                                       wait_timeout=timeout)
    except RuntimeError as error:  # the SDK raises this when the job Failed
        outcome, detail = ("failed" if "Failed" in str(error) else "error"), str(error)[:200]
    except Exception as error:  # a timeout or an API error: the figure is missing
        outcome, detail = "error", f"{type(error).__name__}: {error}"[:200]
    at = time.time() * 1000
    with lock:
        print(json.dumps({"job": job, "at": at, "outcome": outcome, "detail": detail}), flush=True)


def main():
    namespace, interval, timeout, jobs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
    client = TrainingClient()  # the kubeconfig of KUBECONFIG, as a user's script finds it
    lock = threading.Lock()
    threads = [threading.Thread(target=wait, args=(client, namespace, job, interval, timeout, lock)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


if __name__ == "__main__":
    main()
