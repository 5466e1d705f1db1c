#!/usr/bin/python3
"""WL-MMC4 in SimPy 2.3 (Debian's python3-simpy, module SimPy; mmc4_simpy3.py is the SimPy 3/4 API).

4 servers, one FIFO queue, Poisson arrivals at rate 3.6, exponential service at rate 1.0 per
server, N arrivals (default 1,000,000) into an empty system, run until empty. Only the run is
timed. Prints one line: customers/s and the mean wait (a sanity check against theory: with
N = 10^6 the mean wait approaches Erlang C's Wq = 1.969).
"""
import argparse
import random
import time

from SimPy.Simulation import Process, Resource, activate, hold, initialize, now, release, request, simulate


class Customer(Process):
    def visit(self, servers, rng, waits):
        arrived = now()
        yield request, self, servers
        waits.append(now() - arrived)
        yield hold, self, rng.expovariate(1.0)
        yield release, self, servers


class Source(Process):
    def generate(self, n, rate, servers, rng, waits):
        for _ in range(n):
            yield hold, self, rng.expovariate(rate)
            c = Customer()
            activate(c, c.visit(servers, rng, waits))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--arrivals", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=20261123)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    waits = []
    initialize()
    servers = Resource(capacity=4, monitored=False)
    src = Source()
    activate(src, src.generate(args.arrivals, 3.6, servers, rng, waits))
    t0 = time.perf_counter()
    simulate(until=1e18)
    elapsed = time.perf_counter() - t0
    print(f"simpy customers_per_second={args.arrivals / elapsed:.1f} mean_wait={sum(waits) / len(waits):.4f} "
          f"elapsed_s={elapsed:.2f}")


if __name__ == "__main__":
    main()
