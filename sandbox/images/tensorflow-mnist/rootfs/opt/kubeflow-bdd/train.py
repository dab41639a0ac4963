"""Data-parallel training with parameter servers, for a Kubeflow TFJob.

Between-graph replication, as Kubeflow's TFJob dist-mnist example does it: the
parameter servers hold the model's variables, every worker trains on its own
shard of the data and pushes its gradients to them over gRPC, asynchronously,
until the shared global step reaches --train_steps. The data set is the 8x8
handwritten digits that scikit-learn ships (nothing is downloaded).

The cluster comes from exactly what the Kubeflow training operator injects into
every TFJob pod: TF_CONFIG, {"cluster": {"ps": [...], "worker": [...]},
"task": {"type": "worker", "index": 0}}. Without TF_CONFIG the program trains
alone, in one process.

A parameter server exits when every worker has said it is done (a token in a
queue on that server), so the TFJob's pods all complete.

Knobs: --train_steps (default 20000), --batch_size (default 100), and the
environment variable LEARNING_RATE (default 0.5). A huge LEARNING_RATE (1e38)
makes the weights overflow, so the validation cross entropy comes out nan: use
it to see a convergence check fail.

Output (worker 0, the formats of Kubeflow's dist-mnist example):
    step 4000: training cross entropy = 0.2512
    After 20000 training step(s), validation cross entropy = 0.0943
where the step count is the global step worker 0 saw when it stopped (with
asynchronous workers, it can pass --train_steps by one step per other worker).
"""

import argparse
import json
import os
import sys
import time

import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

v1 = tf.compat.v1
SEED = 0
VALIDATION_FRACTION = 0.25
HIDDEN_UNITS = 64
CLASSES = 10


def log(message):
    print(message, flush=True)


def load_data():
    digits = load_digits()
    features = (digits.data / 16.0).astype(np.float32)  # pixel values are 0..16
    labels = np.eye(CLASSES, dtype=np.float32)[digits.target]
    return train_test_split(features, labels, test_size=VALIDATION_FRACTION,
                            random_state=SEED, stratify=digits.target)


def cluster_and_task():
    raw = os.environ.get("TF_CONFIG")
    if not raw:
        return None, "worker", 0
    config = json.loads(raw)
    task = config.get("task", {})
    return config["cluster"], task.get("type", "worker"), int(task.get("index", 0))


def done_queues(cluster):
    """One queue a parameter server; each worker puts a token in each when it is done."""
    workers = len(cluster.get("worker", []))
    queues = []
    for index in range(len(cluster.get("ps", []))):
        with v1.device(f"/job:ps/task:{index}"):
            queues.append(v1.FIFOQueue(workers, tf.int32, shared_name=f"done_queue{index}"))
    return queues


def serve_parameters(server, cluster, index):
    """Holds variables for the workers, then exits once every worker is done."""
    queue = done_queues(cluster)[index]
    token = queue.dequeue()
    workers = len(cluster["worker"])
    config = v1.ConfigProto(device_filters=[f"/job:ps/task:{index}"])
    log(f"PS {index}: serving {workers} worker(s)")
    with v1.Session(server.target, config=config) as session:
        for done in range(1, workers + 1):
            session.run(token)
            log(f"PS {index}: {done}/{workers} worker(s) done")


# What TensorFlow's distributed runtime reports for a step it gave up on and that
# can simply be run again: under load its gRPC layer retries a request, the
# parameter server refuses the duplicate ("The same RunGraph request was received
# twice", ABORTED) and the worker's step ends CANCELLED; a server that answers late
# is UNAVAILABLE for a moment. MonitoredTrainingSession recovers from ABORTED and
# UNAVAILABLE by making a new session, but not from CANCELLED, which ended a
# worker one full run in five on a loaded machine.
TRANSIENT = (tf.errors.AbortedError, tf.errors.CancelledError, tf.errors.UnavailableError)
ATTEMPTS = 10


def run_again_if_cancelled(session, fetches, feed, what):
    """Runs one step, and again (up to ATTEMPTS times) when the runtime cancels it."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return session.run(fetches, feed)
        except TRANSIENT as error:
            if attempt == ATTEMPTS:
                raise
            first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
            log(f"{what}: the runtime gave up on it ({type(error).__name__}: {first_line}); "
                f"running it again ({attempt}/{ATTEMPTS - 1})")


def build_model(learning_rate):
    x = v1.placeholder(tf.float32, [None, 64])
    y = v1.placeholder(tf.float32, [None, CLASSES])
    init = v1.initializers.glorot_uniform(seed=SEED)
    hidden_w = v1.get_variable("hidden_w", [64, HIDDEN_UNITS], initializer=init)
    hidden_b = v1.get_variable("hidden_b", [HIDDEN_UNITS], initializer=v1.zeros_initializer())
    out_w = v1.get_variable("out_w", [HIDDEN_UNITS, CLASSES], initializer=init)
    out_b = v1.get_variable("out_b", [CLASSES], initializer=v1.zeros_initializer())
    logits = tf.matmul(tf.nn.relu(tf.matmul(x, hidden_w) + hidden_b), out_w) + out_b
    cross_entropy = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=logits))
    global_step = v1.train.get_or_create_global_step()
    train_op = v1.train.GradientDescentOptimizer(learning_rate).minimize(cross_entropy, global_step=global_step)
    return x, y, cross_entropy, global_step, train_op


def train(server, cluster, index, args, learning_rate):
    x_train, x_valid, y_train, y_valid = load_data()
    workers = len(cluster["worker"]) if cluster else 1
    x_shard, y_shard = x_train[index::workers], y_train[index::workers]
    log(f"Worker {index}: {len(x_shard)} of {len(x_train)} training examples, "
        f"{len(x_valid)} for validation, learning rate {learning_rate}, tensorflow {tf.__version__}")

    if cluster:
        device = v1.train.replica_device_setter(worker_device=f"/job:worker/task:{index}", cluster=cluster)
        target = server.target
        # A worker talks to the parameter servers and itself, never waits for its peers.
        config = v1.ConfigProto(device_filters=["/job:ps", f"/job:worker/task:{index}"])
    else:
        device, target, config = None, "", None
    with v1.device(device):
        x, y, cross_entropy, global_step, train_op = build_model(learning_rate)
    queues = done_queues(cluster) if cluster else []
    say_done = [queue.enqueue(1) for queue in queues]

    rng = np.random.default_rng(SEED + index)
    report_every = max(1, args.train_steps // 5)
    started = time.monotonic()
    log(f"Worker {index}: Initializing session...")
    with v1.train.MonitoredTrainingSession(master=target, is_chief=index == 0, config=config,
                                           log_step_count_steps=None) as session:
        log(f"Worker {index}: Session initialization complete.")
        step = session.run(global_step)
        while step < args.train_steps:
            batch = rng.choice(len(x_shard), args.batch_size)
            _, loss, step = run_again_if_cancelled(session, [train_op, cross_entropy, global_step],
                                                   {x: x_shard[batch], y: y_shard[batch]}, f"Worker {index} step {step}")
            if step % report_every == 0:
                log(f"step {step}: training cross entropy = {loss:.4f}")
        validation = run_again_if_cancelled(session, cross_entropy, {x: x_valid, y: y_valid}, f"Worker {index} validation")
        log(f"Training ends after {time.monotonic() - started:.1f} s")
        if index == 0:
            log(f"After {step} training step(s), validation cross entropy = {validation:g}")
    if say_done:
        with v1.Session(target, config=config) as session:
            session.run(say_done)


def main():
    parser = argparse.ArgumentParser(description="Data-parallel training with parameter servers.")
    parser.add_argument("--train_steps", type=int, default=20000)
    parser.add_argument("--batch_size", type=int, default=100)
    args = parser.parse_args()
    learning_rate = float(os.environ.get("LEARNING_RATE", "").strip() or 0.5)

    v1.disable_eager_execution()
    cluster, task_type, index = cluster_and_task()
    server = None
    if cluster:
        log(f"TF_CONFIG: task {task_type} {index} of {json.dumps(cluster)}")
        server = tf.distribute.Server(tf.train.ClusterSpec(cluster), job_name=task_type, task_index=index,
                                      config=v1.ConfigProto(intra_op_parallelism_threads=1,
                                                            inter_op_parallelism_threads=2))
    if task_type == "ps":
        serve_parameters(server, cluster, index)
    elif task_type == "worker":
        train(server, cluster, index, args, learning_rate)
    else:
        sys.exit(f"TF_CONFIG names task type {task_type!r}; this program runs ps and worker tasks")


if __name__ == "__main__":
    main()
