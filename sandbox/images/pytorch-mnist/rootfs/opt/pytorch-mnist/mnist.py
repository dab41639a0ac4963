"""Data-parallel training of a small classifier for a Kubeflow PyTorchJob.

The program trains a small multilayer perceptron on the 8x8 handwritten
digits that scikit-learn ships (sklearn.datasets.load_digits: nothing is
downloaded), on CPU, with torch.distributed over the gloo backend.

Distributed setup comes from exactly the environment that the Kubeflow
training operator (v1) injects into every PyTorchJob pod:

    MASTER_ADDR, MASTER_PORT, WORLD_SIZE, RANK

Under Kubeflow Trainer v2 the torch runtime gives each node instead the
settings torchrun reads (PET_NNODES, PET_NODE_RANK, PET_MASTER_ADDR,
PET_MASTER_PORT). Where RANK is absent and PET_NNODES is set, the program
takes those, as one process per node: the torchrun of Debian's torch 1.13
fails at start on Python 3.11 (its Std flags do not iterate), so it cannot
be the launcher here.

If WORLD_SIZE is absent or 1 the program trains alone, without a process
group. Otherwise every rank trains on its own shard of the training split
and DistributedDataParallel averages the gradients across ranks at every
step, so all ranks hold the same model.

It takes the command line of the PyTorch MNIST image that Kubeflow's own
examples and CI run (docker.io/kubeflowkatib/pytorch-mnist, whose program
lives at this same path), so one manifest runs either image:

    --epochs N      passes over this rank's shard of the training split
                    (default 10); below 1 the run ends with an error.
    --lr LR         SGD learning rate (default 0.1). --lr=0 leaves the model as
                    initialised, so accuracy stays at chance level (about 0.1):
                    use it to see a threshold check fail.
    --momentum M    SGD momentum (default 0.9); Katib's examples tune it with --lr.
    --batch-size N  examples per step and rank (default 16).
    --backend       the collective backend; only gloo runs on CPU.
    --no-cuda       accepted for that image's command lines; this one is CPU only.

Output: at start each rank prints which rank / world size / master it joined;
each epoch each rank prints a line with epoch, mean loss, rank and world size;
at the end each rank prints a checksum of its weights (equal on all ranks,
since gradients are all-reduced) and rank 0 evaluates on the test split and
prints its accuracy and loss in the format of Kubeflow's image (Katib's metric
format): {metricName: accuracy, metricValue: 0.9xxx};{metricName: loss, ...}.
Exit status is 0 on success; any error propagates (non-zero exit).

Run locally (one process):

    python3 mnist.py --epochs=1

or two processes on one machine:

    MASTER_ADDR=127.0.0.1 MASTER_PORT=29500 WORLD_SIZE=2 RANK=0 python3 mnist.py &
    MASTER_ADDR=127.0.0.1 MASTER_PORT=29500 WORLD_SIZE=2 RANK=1 python3 mnist.py
"""

import argparse
import os
import sys
import time

import torch
import torch.distributed as dist
import torch.nn as nn
import torch.nn.functional as F
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler

SEED = 0
TEST_FRACTION = 0.25


def log(message):
    print(message, flush=True)


def at_least(minimum, parse):
    """An argparse type: a number no smaller than minimum."""
    def checked(text):
        value = parse(text)
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be >= {minimum}, got {text!r}")
        return value
    return checked


def load_data():
    """Return (train, test) TensorDatasets; the split is fixed by SEED."""
    digits = load_digits()
    features = digits.data / 16.0  # pixel values are 0..16
    x_train, x_test, y_train, y_test = train_test_split(
        features,
        digits.target,
        test_size=TEST_FRACTION,
        random_state=SEED,
        stratify=digits.target,
    )

    def as_dataset(x, y):
        return TensorDataset(
            torch.tensor(x, dtype=torch.float32), torch.tensor(y, dtype=torch.long)
        )

    return as_dataset(x_train, y_train), as_dataset(x_test, y_test)


class MLP(nn.Module):
    def __init__(self, inputs=64, hidden=128, classes=10):
        super().__init__()
        self.hidden = nn.Linear(inputs, hidden)
        self.out = nn.Linear(hidden, classes)

    def forward(self, x):
        return self.out(F.relu(self.hidden(x)))


def evaluate(model, dataset):
    model.eval()
    with torch.no_grad():
        x, y = dataset.tensors
        scores = model(x)
    accuracy = (scores.argmax(dim=1) == y).sum().item() / len(y)
    return accuracy, F.cross_entropy(scores, y).item()


def from_torchrun_settings():
    """Sets the torch.distributed environment from the PET_* settings of a Trainer v2 node."""
    if "RANK" in os.environ or "PET_NNODES" not in os.environ:
        return
    os.environ["WORLD_SIZE"] = os.environ["PET_NNODES"]
    os.environ["RANK"] = os.environ["PET_NODE_RANK"]
    os.environ["MASTER_ADDR"] = os.environ["PET_MASTER_ADDR"]
    os.environ["MASTER_PORT"] = os.environ["PET_MASTER_PORT"]


def main():
    parser = argparse.ArgumentParser(description="Data-parallel training on the digits data set.")
    parser.add_argument("--epochs", type=at_least(1, int), default=10, help="passes over the shard")
    parser.add_argument("--lr", type=at_least(0, float), default=0.1, help="SGD learning rate")
    parser.add_argument("--momentum", type=at_least(0, float), default=0.9, help="SGD momentum")
    parser.add_argument("--batch-size", type=at_least(1, int), default=16, help="examples per step and rank")
    parser.add_argument("--backend", default="gloo", choices=["gloo"], help="torch.distributed backend")
    parser.add_argument("--no-cuda", action="store_true", help="accepted; training is on CPU")
    args = parser.parse_args()
    learning_rate, epochs = args.lr, args.epochs
    from_torchrun_settings()
    world_size = int(os.environ.get("WORLD_SIZE", "1") or "1")
    rank = int(os.environ.get("RANK", "0") or "0")
    distributed = world_size > 1

    torch.set_num_threads(1)
    torch.manual_seed(SEED)
    started = time.monotonic()

    if distributed:
        # env:// reads MASTER_ADDR, MASTER_PORT, WORLD_SIZE and RANK.
        dist.init_process_group(backend=args.backend, init_method="env://")
        rank = dist.get_rank()
        world_size = dist.get_world_size()
        master = f"{os.environ['MASTER_ADDR']}:{os.environ['MASTER_PORT']}"
    else:
        rank, world_size, master = 0, 1, "none (training alone)"
    log(
        f"joined: rank={rank} world_size={world_size} master={master} "
        f"backend={args.backend if distributed else 'none'} "
        f"learning_rate={learning_rate} epochs={epochs} torch={torch.__version__}"
    )

    train_set, test_set = load_data()
    # Each rank sees its own shard; the shuffle changes per epoch but is the
    # same permutation on every rank, so the shards never overlap.
    sampler = DistributedSampler(
        train_set, num_replicas=world_size, rank=rank, shuffle=True, seed=SEED
    )
    loader = DataLoader(train_set, batch_size=args.batch_size, sampler=sampler)
    log(
        f"data: train={len(train_set)} test={len(test_set)} "
        f"shard={len(sampler)} rank={rank}"
    )

    model = MLP()  # same seed on every rank; DDP also broadcasts rank 0's weights
    trained = DistributedDataParallel(model) if distributed else model
    optimizer = torch.optim.SGD(trained.parameters(), lr=learning_rate, momentum=args.momentum)

    for epoch in range(1, epochs + 1):
        sampler.set_epoch(epoch)
        trained.train()
        total_loss, batches = 0.0, 0
        for x, y in loader:
            optimizer.zero_grad()
            loss = F.cross_entropy(trained(x), y)
            loss.backward()  # DDP all-reduces (averages) gradients here
            optimizer.step()
            total_loss += loss.item()
            batches += 1
        log(
            f"epoch={epoch}/{epochs} loss={total_loss / batches:.4f} "
            f"rank={rank} world_size={world_size}"
        )

    if rank == 0:
        accuracy, loss = evaluate(model, test_set)
        log(f"{{metricName: accuracy, metricValue: {accuracy:.4f}}};{{metricName: loss, metricValue: {loss:.4f}}}")
    # Identical on every rank when gradients really were all-reduced.
    checksum = sum(p.detach().double().sum().item() for p in model.parameters())
    log(
        f"done: rank={rank} param_checksum={checksum:.6f} "
        f"seconds={time.monotonic() - started:.1f}"
    )

    if distributed:
        dist.barrier()
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
    sys.exit(0)
