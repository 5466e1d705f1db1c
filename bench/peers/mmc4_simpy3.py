#!/usr/bin/python3
"""WL-MMC4 in SimPy 3 (Debian's python3-simpy3, 3.0.11: the API of SimPy 4, which users run).

The workload of mmc4_simpy.py (SimPy 2.3): 4 servers, one FIFO queue, Poisson arrivals at rate
3.6, exponential service at rate 1.0 per server, N arrivals (default 1,000,000) into an empty
system, run until empty. Only the run is timed. Prints one line: customers/s and the mean wait
(with N = 10^6 it approaches Erlang C's Wq = 1.969).

The two SimPy packages install side by side without colliding: SimPy 2 is the module `SimPy`
(/usr/lib/python3/dist-packages/SimPy), SimPy 3 the module `simpy` (.../dist-packages/simpy).
Run with Debian's /usr/bin/python3, whose path has them (not a pyenv or virtualenv python).
"""
import argparse
import random
import time

import simpy


def customer(env, servers, rng, waits):
    arrived = env.now
    with servers.request() as req:  # released when the block ends
        yield req
        waits.append(env.now - arrived)
        yield env.timeout(rng.expovariate(1.0))


def source(env, n, rate, servers, rng, waits):
    for _ in range(n):
        yield env.timeout(rng.expovariate(rate))
        env.process(customer(env, servers, rng, waits))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--arrivals", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=20261123)
    args = ap.parse_args()
    if not simpy.__version__.startswith(("3.", "4.")):
        raise SystemExit(f"expected SimPy 3 or 4 as module simpy, found {simpy.__version__} "
                         f"at {simpy.__file__}")
    rng = random.Random(args.seed)
    waits = []
    env = simpy.Environment()
    servers = simpy.Resource(env, capacity=4)
    env.process(source(env, args.arrivals, 3.6, servers, rng, waits))
    t0 = time.perf_counter()
    env.run()
    elapsed = time.perf_counter() - t0
    print(f"simpy{simpy.__version__} customers_per_second={args.arrivals / elapsed:.1f} "
          f"mean_wait={sum(waits) / len(waits):.4f} elapsed_s={elapsed:.2f}")


if __name__ == "__main__":
    main()
