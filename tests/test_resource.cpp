#include <gtest/gtest.h>

#include <vector>

#include "sim/resource.hpp"
#include "sim/simulation.hpp"

namespace {

using sim::Process;
using sim::Resource;
using sim::Simulation;
using sim::Tier;

struct Log {
  std::vector<int> started;
  std::vector<double> start_times;
};

Process job(Simulation& s, Resource& r, Log& log, int id, int priority, double arrive,
            double service) {
  co_await s.until(arrive);
  auto server = co_await r.request(priority);
  log.started.push_back(id);
  log.start_times.push_back(s.now());
  co_await s.timeout(service);
}

TEST(Resource, FifoWithinOnePriority) {
  Simulation s;
  Resource r(s, 1);
  Log log;
  for (int i = 0; i < 5; ++i) s.start(job(s, r, log, i, 0, i * 0.1, 10), "job", i);
  s.run();
  EXPECT_EQ(log.started, (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_EQ(r.busy(), 0);
  EXPECT_EQ(r.grants(), 5u);
}

TEST(Resource, NonPreemptivePriorityLowerValueFirst) {
  Simulation s;
  Resource r(s, 1);
  Log log;
  s.start(job(s, r, log, 0, 1, 0.0, 10), "job", 0);  // in service, not preempted
  s.start(job(s, r, log, 1, 1, 1.0, 1), "job", 1);
  s.start(job(s, r, log, 2, 1, 2.0, 1), "job", 2);
  s.start(job(s, r, log, 3, 0, 3.0, 1), "job", 3);  // later but higher priority
  s.start(job(s, r, log, 4, 0, 4.0, 1), "job", 4);
  s.run();
  EXPECT_EQ(log.started, (std::vector<int>{0, 3, 4, 1, 2}));
  EXPECT_EQ(log.start_times[1], 10.0);
}

TEST(Resource, ClosingServerFinishesItsJobAndStartsNoNewOne) {
  Simulation s;
  Resource r(s, 2);
  Log log;
  for (int i = 0; i < 4; ++i) s.start(job(s, r, log, i, 0, 0.0, 5), "job", i);
  auto closer = [](Simulation& s, Resource& r) -> Process {
    co_await s.until(3, Tier::Calendar);
    r.set_capacity(0);  // both busy servers finish at t=5
    co_await s.until(20, Tier::Calendar);
    r.set_capacity(1);
  };
  s.start(closer(s, r), "calendar");
  s.run_until(4);
  EXPECT_EQ(r.busy(), 2);
  s.run_until(10);
  EXPECT_EQ(r.busy(), 0);
  EXPECT_EQ(r.queue_length(), 2u);
  s.run();
  EXPECT_EQ(log.start_times, (std::vector<double>{0, 0, 20, 25}));
}

TEST(Resource, CapacityCutBelowBusyWaitsUntilBusyDropsBelowIt) {
  Simulation s;
  Resource r(s, 3);
  Log log;
  for (int i = 0; i < 3; ++i) s.start(job(s, r, log, i, 0, 0.0, 1.0 + i), "job", i);
  s.start(job(s, r, log, 3, 0, 0.5, 1), "job", 3);
  auto cut = [](Simulation& s, Resource& r) -> Process {
    co_await s.until(0.5, Tier::Calendar);
    r.set_capacity(1);
  };
  s.start(cut(s, r), "cut");
  s.run();
  // Busy 3 -> finishes at 1 (busy 2), 2 (busy 1), 3 (busy 0): only then may job 3 start.
  EXPECT_EQ(log.start_times.back(), 3.0);
}

TEST(Resource, StatisticsTimeWeightedAndWaits) {
  Simulation s;
  Resource r(s, 1);
  Log log;
  // Job 0 busy [0,4); job 1 arrives at 1 and waits 3; job 2 arrives at 2 and waits 4.
  s.start(job(s, r, log, 0, 0, 0.0, 4), "job", 0);
  s.start(job(s, r, log, 1, 0, 1.0, 2), "job", 1);
  s.start(job(s, r, log, 2, 0, 2.0, 2), "job", 2);
  s.run();
  EXPECT_EQ(s.now(), 8.0);
  EXPECT_DOUBLE_EQ(r.wait_stats().mean(), (0.0 + 3.0 + 4.0) / 3.0);
  // Queue: 1 on [1,2), 2 on [2,4), 1 on [4,6), 0 after: area = 1 + 4 + 2 = 7 over 8.
  EXPECT_DOUBLE_EQ(r.queue_stats().mean(s.now()), 7.0 / 8.0);
  EXPECT_DOUBLE_EQ(r.busy_stats().mean(s.now()), 1.0);
  EXPECT_DOUBLE_EQ(r.utilisation(), 1.0);
  EXPECT_EQ(r.queue_stats().max(), 2.0);
}

TEST(Resource, WarmupResetsStatistics) {
  Simulation s;
  Resource r(s, 1);
  Log log;
  s.start(job(s, r, log, 0, 0, 0.0, 4), "job", 0);
  s.start(job(s, r, log, 1, 0, 1.0, 2), "job", 1);
  s.set_warmup(5.0);
  s.run();
  EXPECT_EQ(s.stats_start(), 5.0);
  EXPECT_EQ(r.wait_stats().count(), 0u);                // both granted before the warm-up ended
  EXPECT_DOUBLE_EQ(r.busy_stats().mean(s.now()), 1.0);  // busy on [5,6)
}

}  // namespace

// ---- reneging: requests with a deadline ---------------------------------------------------------

namespace {

struct Outcome {
  double at = -1;
  bool served = false;
};

sim::Process holds_for(sim::Simulation& s, sim::Resource& r, double t) {
  auto g = co_await r.request();
  co_await s.timeout(t);
}

sim::Process patient(sim::Simulation& s, sim::Resource& r, double patience, double service,
                     Outcome& out) {
  auto g = co_await r.request_until(s.now() + patience);
  out.at = s.now();
  out.served = g.has_value();
  if (g) co_await s.timeout(service);
}

}  // namespace

TEST(Reneging, AWaiterLeavesAtItsDeadlineAndTheNextIsServed) {
  sim::Simulation s;
  sim::Resource desk(s, 1, "desk");
  Outcome impatient, late, eager;
  s.start(holds_for(s, desk, 10), "holder");
  s.start(patient(s, desk, 5, 1, impatient), "impatient");  // gives up at t = 5
  s.start(patient(s, desk, 20, 3, late), "late");           // served at t = 10
  s.start(patient(s, desk, 0, 1, eager), "eager");          // no patience: leaves at once
  // Until the last service ends (the disarmed alarm of `late` would still pop, harmlessly, at 20).
  s.run_until(13);
  EXPECT_FALSE(impatient.served);
  EXPECT_EQ(impatient.at, 5.0);
  EXPECT_TRUE(late.served);
  EXPECT_EQ(late.at, 10.0);
  EXPECT_FALSE(eager.served);
  EXPECT_EQ(eager.at, 0.0);
  EXPECT_EQ(desk.withdrawn(), 1u) << "the eager one never queued";
  EXPECT_EQ(desk.queue_length(), 0u);
  EXPECT_EQ(s.now(), 13.0);
  // Queue: two waiting on [0, 5), one on [5, 10): area 15 over 13 time units.
  EXPECT_NEAR(desk.queue_stats().mean(s.now()), 15.0 / 13.0, 1e-12);
  EXPECT_EQ(desk.queue_stats().max(), 2.0);
}

TEST(Reneging, AServedWaiterIsNotWithdrawnLaterAndPriorityOrderHolds) {
  sim::Simulation s;
  sim::Resource desk(s, 1, "desk");
  std::vector<Outcome> o(4);
  s.start(holds_for(s, desk, 4), "holder");
  s.start(patient(s, desk, 100, 1, o[0]), "a");  // served at 4, its alarm at 100 is disarmed
  s.start(patient(s, desk, 4.5, 1, o[1]), "b");  // leaves at 4.5
  s.start(patient(s, desk, 100, 1, o[2]), "c");  // served at 5
  s.run();
  EXPECT_TRUE(o[0].served);
  EXPECT_EQ(o[0].at, 4.0);
  EXPECT_FALSE(o[1].served);
  EXPECT_EQ(o[1].at, 4.5);
  EXPECT_TRUE(o[2].served);
  EXPECT_EQ(o[2].at, 5.0);
  EXPECT_EQ(desk.withdrawn(), 1u);
  EXPECT_EQ(desk.busy(), 0);
}

// A run ended while a waiter's deadline is pending: the frame goes with the teardown and its
// alarm never rings (the sanitizer build checks that nothing touches the destroyed frame).
TEST(Reneging, TeardownWithAPendingDeadlineIsSafe) {
  Outcome out;
  {
    sim::Simulation s;
    sim::Resource desk(s, 1, "desk");
    s.start(holds_for(s, desk, 100), "holder");
    s.start(patient(s, desk, 50, 1, out), "waiting");
    s.run_until(10);
    EXPECT_EQ(desk.queue_length(), 1u);
    s.shutdown();
    s.run_until(200);  // nothing left to run: the deadline at 50 does not resume the waiter
    EXPECT_EQ(desk.withdrawn(), 0u);
  }
  EXPECT_EQ(out.at, -1) << "the waiter was never resumed";
}
