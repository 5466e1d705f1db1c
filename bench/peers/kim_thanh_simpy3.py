#!/usr/bin/python3
"""scenarios/kim_thanh_bac_son.yaml written for SimPy 3 (Debian's python3-simpy3, the SimPy 4 API).

The same gate as bordersim's model of it, by hand, the way a SimPy user would write it (numbers
transcribed from the scenario file; bordersim's semantics from docs/model.md and models/road.cpp):

  flows     exports 180/day (fresh fruit 0.8, general 0.2), imports 100/day (general), with the
            scenario's hourly profile (Vietnam time, weights normalised to mean 1), as a
            non-homogeneous Poisson process; half the released exports return empty after
            U(4 h, 12 h) as the flow empties_back (imports);
  route     exports: approach leg, the crossing Kim Thanh -> Bac Son, onward leg; imports and
            empties the other way round; legs triangular(15, 25, 60) min;
  crossing  (sequential CBTA) a place in the exit side's yard for its direction (waiting on the
            road while it is full), the exit side's stages in order, the yard place freed, goods
            transshipped for 10 % of loaded trucks (60 bays, U(18 h, 30 h)), the bridge
            U(3, 8) min, a place in the entry side's yard, the entry side's stages; a rejected
            truck leaves;
  stages    Kim Thanh (UTC+7, 07:00-19:00): exit_barrier (2, tri 0.5/1/2 min), plant_quarantine
            (3, the fruit, tri 3/5/10 min), customs_export
            (3, channels green/yellow/red with fruit's own shares), entry_barrier (3),
            customs_import (3, loaded trucks only); Bac Son (UTC+8, 08:00-20:00 Beijing time):
            entry_inspection (3, gamma mean 2 min cv 0.5), quarantine (2, 30 % of the fruit,
            tri 10/12/15 min, 1 % held U(12 h, 36 h) for a lab result, 0.2 % rejected),
            exit_inspection (2, gamma);
  hours     outside a side's hours its stages serve no one: a server busy at closing finishes
            its truck and starts no other (a closing process takes every server at a priority
            above the trucks' and gives them back at opening).

Prints one JSON object: per replication the vehicles released per day by flow and the mean wait
at each stop (visits that began queueing after the warm-up and ended service by the horizon),
and the seconds the runs took. bench/peers/check_kim_thanh.py compares it with bordersim.

Usage: kim_thanh_simpy3.py [--days 365] [--warmup 2] [--replications 1] [--seed S]
"""
import argparse
import json
import math
import random
import time

import simpy

DAY, HOUR, MIN = 86400.0, 3600.0, 60.0

HOURLY = [0.2, 0.2, 0.2, 0.2, 0.3, 0.6, 1.2, 1.8, 1.8, 1.8, 1.6, 1.5, 1.4, 1.5, 1.6, 1.6, 1.5, 1.2,
          0.8, 0.5, 0.3, 0.3, 0.2, 0.2]
HOURLY = [w * 24 / sum(HOURLY) for w in HOURLY]  # mean 1, as bordersim normalises them
SCENARIO_UTC = 7  # the scenario's zone (Asia/Ho_Chi_Minh): t = 0 is local midnight

FRUIT, GENERAL, EMPTY = "fresh_fruit", "general", None


def tri(lo, mode, hi):
    return lambda rng: rng.triangular(lo * MIN, hi * MIN, mode * MIN)


def gamma(mean, cv):
    shape = 1 / (cv * cv)
    return lambda rng: rng.gammavariate(shape, mean * MIN / shape)


def lognormal(mean, cv):
    s2 = math.log1p(cv * cv)
    mu, sigma = math.log(mean * MIN) - s2 / 2, math.sqrt(s2)
    return lambda rng: rng.lognormvariate(mu, sigma)


def expo(mean):
    return lambda rng: rng.expovariate(1 / (mean * MIN))


def uniform(lo, hi):
    return lambda rng: rng.uniform(lo, hi)


GREEN, YELLOW, RED = expo(1), tri(3, 4, 5), lognormal(30, 0.5)


class Stage:
    """One stage: servers that a side's hours open and close, and what a truck meets there."""

    def __init__(self, env, name, side, servers, service=None, channels=None, applies=None,
                 probability=1.0, hold=0.0, hold_delay=None, reject=0.0):
        self.name, self.side, self.servers = name, side, servers
        self.res = simpy.PriorityResource(env, capacity=servers)
        self.service, self.channels, self.applies = service, channels, applies
        self.probability, self.hold, self.hold_delay, self.reject = probability, hold, hold_delay, reject

    def draw(self, cargo, rng):
        """(serves?, service time, hold, rejected) for a truck with this cargo."""
        if self.applies is not None and cargo not in self.applies:
            return False, 0.0, 0.0, False
        if self.probability < 1 and rng.random() >= self.probability:
            return False, 0.0, 0.0, False
        if self.channels:
            shares, services = self.channels.get(cargo, self.channels[None]), self.channels["service"]
            x, acc, k = rng.random(), 0.0, 0
            for k in range(len(services) - 1):
                acc += shares[k]
                if x < acc:
                    break
            else:
                k = len(services) - 1
            t = services[k](rng)
        else:
            t = self.service(rng)
        hold, rejected = 0.0, False
        if self.hold > 0 or self.reject > 0:
            x = rng.random()
            if x < self.reject:
                rejected = True
            elif x < self.reject + self.hold:
                hold = self.hold_delay(rng)
        return True, t, hold, rejected


class Gate:
    def __init__(self, env, rng, horizon):
        self.env, self.rng, self.horizon = env, rng, horizon
        vn, cn = "kim_thanh", "bac_son"
        self.hours = {vn: (7, 19, 7), cn: (8, 20, 8)}  # open, close, UTC offset of the side
        self.stages = {
            "exit_barrier": Stage(env, "kim_thanh.exit_barrier", vn, 2, tri(0.5, 1, 2)),
            "plant_quarantine": Stage(env, "kim_thanh.plant_quarantine", vn, 3, tri(3, 5, 10),
                                      applies={FRUIT}),
            "entry_barrier": Stage(env, "kim_thanh.entry_barrier", vn, 3, tri(0.5, 1, 2)),
            "customs_export": Stage(env, "kim_thanh.customs_export", vn, 3, channels={
                None: [0.575, 0.375, 0.05], FRUIT: [0.95, 0.05, 0.0], "service": [GREEN, YELLOW, RED]}),
            "customs_import": Stage(env, "kim_thanh.customs_import", vn, 3, channels={
                None: [0.45, 0.35, 0.20], "service": [GREEN, YELLOW, RED]}, applies={FRUIT, GENERAL}),
            "entry_inspection": Stage(env, "bac_son.entry_inspection", cn, 3, gamma(2, 0.5)),
            "quarantine": Stage(env, "bac_son.quarantine", cn, 2, tri(10, 12, 15), applies={FRUIT},
                                probability=0.3, hold=0.01, hold_delay=uniform(12 * HOUR, 36 * HOUR),
                                reject=0.002),
            "exit_inspection": Stage(env, "bac_son.exit_inspection", cn, 2, gamma(2, 0.5)),
        }
        # Yards by side and direction; the transshipment bays.
        self.yards = {(vn, "out"): simpy.Resource(env, 100), (vn, "in"): simpy.Resource(env, 50),
                      (cn, "out"): simpy.Resource(env, 40), (cn, "in"): simpy.Resource(env, 60)}
        self.bays = simpy.Resource(env, 60)
        self.routes = {  # direction: exit side, its stages, entry side, its stages
            "export": (vn, ["exit_barrier", "plant_quarantine", "customs_export"], cn,
                       ["entry_inspection", "quarantine"]),
            "import": (cn, ["exit_inspection"], vn, ["entry_barrier", "customs_import"]),
        }
        self.visits = []  # (stop, enter, start, end)
        self.released = []  # (flow, left the entry side)
        for side in self.hours:
            env.process(self.calendar(side))

    def calendar(self, side):
        """Closed until the first opening; each day open over the side's own local hours."""
        env = self.env
        open_h, close_h, utc = self.hours[side]
        shift = (utc - SCENARIO_UTC) * HOUR  # the side's local clock runs ahead by this much
        mine = [st for st in self.stages.values() if st.side == side]
        day = 0
        while True:
            held = [(st, st.res.request(priority=-1)) for st in mine for _ in range(st.servers)]
            opens = day * DAY + open_h * HOUR - shift
            if opens >= self.horizon:
                return
            yield env.timeout(max(0.0, opens - env.now))
            for st, req in held:
                if req.triggered:
                    st.res.release(req)
                else:
                    req.cancel()  # still waiting for a server busy since closing
            yield env.timeout(day * DAY + close_h * HOUR - shift - env.now)
            day += 1

    def visit(self, name, cargo):
        """A stop: returns False when the truck is rejected there."""
        st = self.stages[name]
        serves, service, hold, rejected = st.draw(cargo, self.rng)
        if not serves:
            return True
        env = self.env
        enter = env.now
        with st.res.request(priority=0) as req:
            yield req
            start = env.now
            yield env.timeout(service)
        self.visits.append((st.name, enter, start, env.now))
        if rejected:
            return False
        if hold > 0:
            yield env.timeout(hold)  # a lab result: the server is free, the yard place kept
        return True

    def cross(self, direction, flow, cargo):
        env, rng = self.env, self.rng
        exit_side, exit_stages, entry_side, entry_stages = self.routes[direction]
        with self.yards[(exit_side, "out")].request() as place:
            yield place
            for name in exit_stages:
                passed = yield from self.visit(name, cargo)
                if not passed:
                    return False
        if cargo is not EMPTY and rng.random() < 0.1:  # goods move to a truck of the other side
            with self.bays.request() as bay:
                yield bay
                yield env.timeout(rng.uniform(18 * HOUR, 30 * HOUR))
        yield env.timeout(rng.uniform(3 * MIN, 8 * MIN))  # the bridge
        with self.yards[(entry_side, "in")].request() as place:
            yield place
            for name in entry_stages:
                passed = yield from self.visit(name, cargo)
                if not passed:
                    return False
        self.released.append((flow, env.now))
        return True

    def truck(self, flow, cargo):
        env, rng = self.env, self.rng
        leg = tri(15, 25, 60)
        direction = "export" if flow == "exports" else "import"
        yield env.timeout(leg(rng))
        released = yield from self.cross(direction, flow, cargo)
        if not released:
            return
        yield env.timeout(leg(rng))
        if flow == "exports" and rng.random() < 0.5:  # back empty as a truck of empties_back
            yield env.timeout(rng.uniform(4 * HOUR, 12 * HOUR))
            env.process(self.truck("empties_back", EMPTY))

    def source(self, flow, per_day, mix):
        """Non-homogeneous Poisson arrivals: the cumulative hourly rate inverted, one
        exponential per arrival."""
        env, rng = self.env, self.rng
        cargos, weights = zip(*mix)
        t = 0.0
        while True:
            e = rng.expovariate(1.0)
            while True:
                hour = math.floor(t / HOUR)
                rate = per_day / DAY * HOURLY[hour % 24]
                room = (hour + 1) * HOUR - t
                if e < rate * room:
                    t += e / rate
                    break
                e -= rate * room
                t = (hour + 1) * HOUR
            if t >= self.horizon:
                return
            yield env.timeout(t - env.now)
            env.process(self.truck(flow, rng.choices(cargos, weights)[0]))


def replication(days, warmup_days, seed):
    env = simpy.Environment()
    horizon = days * DAY
    gate = Gate(env, random.Random(seed), horizon)
    env.process(gate.source("exports", 180, [(FRUIT, 0.8), (GENERAL, 0.2)]))
    env.process(gate.source("imports", 100, [(GENERAL, 1.0)]))
    env.run(until=horizon)
    w = warmup_days * DAY
    window = (horizon - w) / DAY
    per_day = {}
    for flow in ("exports", "imports", "empties_back"):
        per_day[flow] = sum(1 for f, t in gate.released if f == flow and w <= t < horizon) / window
    waits = {}
    for stop, enter, start, end in gate.visits:
        if enter >= w and end <= horizon:
            waits.setdefault(stop, []).append(start - enter)
    return {"released_per_day": per_day,
            "wait_mean_s": {k: sum(v) / len(v) for k, v in sorted(waits.items())},
            "visits": {k: len(v) for k, v in sorted(waits.items())}}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--days", type=float, default=365)
    ap.add_argument("--warmup", type=float, default=2)
    ap.add_argument("--replications", type=int, default=1)
    ap.add_argument("--seed", type=int, default=20261123)
    args = ap.parse_args()
    t0 = time.perf_counter()
    reps = [replication(args.days, args.warmup, args.seed + r) for r in range(args.replications)]
    elapsed = time.perf_counter() - t0
    print(json.dumps({"days": args.days, "warmup_days": args.warmup, "replications": reps,
                      "elapsed_s": elapsed, "simpy": simpy.__version__}))


if __name__ == "__main__":
    main()
