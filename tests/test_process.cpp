#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <vector>

#include "sim/event.hpp"
#include "sim/resource.hpp"
#include "sim/simulation.hpp"
#include "sim/task.hpp"

namespace {

using sim::Process;
using sim::Simulation;
using sim::Tier;

Process logger(Simulation& s, std::vector<std::string>& log, std::string tag, double at) {
  co_await s.until(at);
  log.push_back(tag + "@" + std::to_string(static_cast<int>(s.now())));
}

Process calendar_logger(Simulation& s, std::vector<std::string>& log, std::string tag, double at) {
  co_await s.until(at, Tier::Calendar);
  log.push_back(tag + "@" + std::to_string(static_cast<int>(s.now())));
}

TEST(Process, SameInstantRunsCalendarTierFirstThenFifo) {
  Simulation s;
  std::vector<std::string> log;
  s.start(logger(s, log, "a", 10), "a");
  s.start(logger(s, log, "b", 10), "b");
  s.start(calendar_logger(s, log, "open", 10), "open");
  s.start(logger(s, log, "c", 5), "c");
  s.run();
  EXPECT_EQ(log, (std::vector<std::string>{"c@5", "open@10", "a@10", "b@10"}));
  EXPECT_EQ(s.now(), 10.0);
  EXPECT_EQ(s.live_processes(), 0u);
}

TEST(Process, TimeoutZeroYieldsToOthersAtSameInstant) {
  Simulation s;
  std::vector<int> order;
  auto p = [](Simulation& s, std::vector<int>& order, int id) -> Process {
    order.push_back(id);
    co_await s.timeout(0);
    order.push_back(id + 10);
  };
  s.start(p(s, order, 1), "p1");
  s.start(p(s, order, 2), "p2");
  s.run();
  EXPECT_EQ(order, (std::vector<int>{1, 2, 11, 12}));
}

struct Boom : std::runtime_error {
  Boom() : std::runtime_error("customs computer down") {}
};

Process failing(Simulation& s) {
  co_await s.timeout(42.5);
  throw Boom();
}

TEST(Process, ExceptionStopsRunWithNameEntityAndTime) {
  Simulation s;
  s.start(failing(s), "truck", 1234);
  try {
    s.run();
    FAIL() << "expected ProcessFailure";
  } catch (const sim::ProcessFailure& e) {
    EXPECT_EQ(e.process(), "truck");
    EXPECT_EQ(e.entity(), 1234u);
    EXPECT_EQ(e.time(), 42.5);
    EXPECT_NE(std::string(e.what()).find("customs computer down"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("truck"), std::string::npos);
  }
}

Process child(Simulation& s, int& steps) {
  co_await s.timeout(1);
  ++steps;
  co_await s.timeout(1);
  ++steps;
}

Process child_throws(Simulation& s) {
  co_await s.timeout(3);
  throw std::logic_error("bad wagon");
}

Process parent(Simulation& s, int& steps, bool& caught) {
  co_await child(s, steps);
  EXPECT_EQ(s.now(), 2.0);
  try {
    co_await child_throws(s);
  } catch (const std::logic_error&) {
    caught = true;
  }
  ++steps;
}

TEST(Process, SubProcessesResumeParentAndPropagateExceptions) {
  Simulation s;
  int steps = 0;
  bool caught = false;
  s.start(parent(s, steps, caught), "parent", 7);
  s.run();
  EXPECT_EQ(steps, 3);
  EXPECT_TRUE(caught);
  EXPECT_EQ(s.now(), 5.0);
}

// A run stopped early destroys every frame once: guards held by destroyed frames release
// nothing, locals are destroyed, and the frame pool gets every frame back.
struct Witness {
  int* count;
  ~Witness() { ++*count; }
};

Process holder(Simulation& s, sim::Resource& r, int& destroyed) {
  Witness w{&destroyed};
  auto g = co_await r.request();
  co_await s.timeout(1e9);
}

TEST(Process, EarlyStopDestroysAllLiveProcesses) {
  int destroyed = 0;
  {
    Simulation s;
    sim::Resource r(s, 2);
    for (int i = 0; i < 5; ++i) s.start(holder(s, r, destroyed), "holder", i);
    s.run_until(100);
    EXPECT_EQ(s.live_processes(), 5u);
    EXPECT_EQ(r.busy(), 2);
    EXPECT_EQ(r.queue_length(), 3u);
    EXPECT_EQ(s.frame_pool().live(), 5u);
    s.shutdown();
    EXPECT_EQ(destroyed, 5);
    EXPECT_EQ(s.frame_pool().live(), 0u);
    EXPECT_EQ(s.live_processes(), 0u);
  }
  EXPECT_EQ(destroyed, 5);
}

// Frames hold guards on a resource; the resource dies first, then the simulation tears the
// frames down. The guards must not touch the dead resource (ASan checks this build).
TEST(Process, ResourceDestroyedBeforeSimulationIsSafe) {
  int destroyed = 0;
  auto s = std::make_unique<Simulation>();
  auto r = std::make_unique<sim::Resource>(*s, 1);
  s->start(holder(*s, *r, destroyed), "holder", 1);
  s->start(holder(*s, *r, destroyed), "holder", 2);
  s->run_until(10);
  r.reset();
  s.reset();
  EXPECT_EQ(destroyed, 2);
}

Process short_lived(Simulation& s) {
  co_await s.timeout(1);
}

TEST(Process, FramesAreReusedFromThePool) {
  Simulation s;
  auto spawner = [](Simulation& s) -> Process {
    for (int i = 0; i < 10000; ++i) {
      s.start(short_lived(s), "short", static_cast<std::uint64_t>(i));
      co_await s.timeout(2);
    }
  };
  s.start(spawner(s), "spawner");
  s.run_until(100);
  const std::size_t reserved = s.frame_pool().bytes_reserved();
  s.run();
  EXPECT_EQ(s.frame_pool().live(), 0u);
  EXPECT_EQ(s.frame_pool().bytes_reserved(), reserved) << "steady state must not allocate frames";
}

struct Counter : sim::Action {
  int fired = 0;
  Counter() {
    fire = [](sim::Action* a) { ++static_cast<Counter*>(a)->fired; };
  }
};

// What replaced event cancellation: an alarm disarmed before it rings still pops (and counts as
// an event) but calls nothing; a recycled alarm rings for its new owner only.
TEST(Simulation, DisarmedAlarmPopsButDoesNotRing) {
  Simulation s;
  int rang = 0;
  auto ring = [](void* c) { ++*static_cast<int*>(c); };
  s.arm(1, ring, &rang);
  sim::Alarm* a = s.arm(2, ring, &rang);
  s.arm(3, ring, &rang);
  Simulation::disarm(a);
  s.run();
  EXPECT_EQ(rang, 2);
  EXPECT_EQ(s.events_processed(), 3u);
  EXPECT_EQ(s.now(), 3.0);
  s.arm(4, ring, &rang);  // reuses a recycled alarm
  s.run();
  EXPECT_EQ(rang, 3);
}

TEST(Simulation, RunUntilStopsAtHorizonAndResumes) {
  Simulation s;
  Counter c;
  for (int i = 1; i <= 10; ++i) s.schedule(i, Tier::Normal, &c);
  s.run_until(4.5);
  EXPECT_EQ(c.fired, 4);
  EXPECT_EQ(s.now(), 4.5);
  s.run_until(5);  // an event exactly at the horizon runs
  EXPECT_EQ(c.fired, 5);
  s.run();
  EXPECT_EQ(c.fired, 10);
}

Process waiter(Simulation& s, sim::Event<int>& ev, std::vector<std::pair<double, int>>& got) {
  int v = co_await ev.wait();
  got.emplace_back(s.now(), v);
}

Process trigger_at(Simulation& s, sim::Event<int>& ev, double t, int v) {
  co_await s.until(t);
  ev.trigger(v);
}

TEST(Event, WaitersReceiveTheValueAndLateWaitersReturnAtOnce) {
  Simulation s;
  sim::Event<int> ev(s);
  std::vector<std::pair<double, int>> got;
  s.start(waiter(s, ev, got), "w1");
  s.start(waiter(s, ev, got), "w2");
  s.start(trigger_at(s, ev, 3, 99), "trigger");
  s.run();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0], std::make_pair(3.0, 99));
  EXPECT_EQ(got[1], std::make_pair(3.0, 99));
  s.start(waiter(s, ev, got), "late");
  EXPECT_EQ(got.size(), 3u);
}

}  // namespace

// ---- Task<T>: sub-processes that return a value -------------------------------------------------

namespace {

sim::Task<int> add_later(Simulation& s, int a, int b) {
  co_await s.timeout(2);
  co_return a + b;
}

sim::Task<bool> gate(Simulation& s, bool open, int& steps) {
  co_await child(s, steps);                   // a Task may await a Process ...
  const int x = co_await add_later(s, 1, 2);  // ... and another Task
  co_return open&& x == 3;
}

sim::Task<int> fails_later(Simulation& s) {
  co_await s.timeout(1);
  throw std::runtime_error("inspection crashed");
}

Process awaits_failure(Simulation& s) {
  const int v = co_await fails_later(s);
  ADD_FAILURE() << "never resumes, got " << v;
}

Process story(Simulation& s, std::vector<std::string>& log) {
  int steps = 0;
  if (!co_await gate(s, false, steps))
    log.push_back("turned back@" + std::to_string(static_cast<int>(s.now())));
  if (co_await gate(s, true, steps))
    log.push_back("through@" + std::to_string(static_cast<int>(s.now())));
  log.push_back("steps=" + std::to_string(steps));
  try {
    const int v = co_await fails_later(s);
    log.push_back("unexpected " + std::to_string(v));
  } catch (const std::runtime_error& e) {
    log.push_back(std::string("caught ") + e.what());
  }
}

sim::Task<int> holds_forever(Simulation& s, sim::Resource& r, int& destroyed) {
  Witness w{&destroyed};
  auto g = co_await r.request();
  co_await s.timeout(1e9);
  co_return 1;
}

Process waits_on_task(Simulation& s, sim::Resource& r, int& destroyed) {
  Witness w{&destroyed};
  const int v = co_await holds_forever(s, r, destroyed);
  ADD_FAILURE() << "never resumes, got " << v;
}

}  // namespace

TEST(Task, ReturnsItsValueToTheAwaitingProcessAtTheRightTime) {
  Simulation s;
  std::vector<std::string> log;
  s.start(story(s, log), "truck", 3);
  s.run();
  EXPECT_EQ(log, (std::vector<std::string>{"turned back@4", "through@8", "steps=4",
                                           "caught inspection crashed"}));
  EXPECT_EQ(s.now(), 9.0);
  EXPECT_EQ(s.live_processes(), 0u);
}

TEST(Task, ExceptionWithoutCatchNamesTheTopLevelProcess) {
  Simulation s;
  s.start(awaits_failure(s), "wagon", 41);
  try {
    s.run();
    FAIL() << "expected a ProcessFailure";
  } catch (const sim::ProcessFailure& f) {
    EXPECT_EQ(f.process(), "wagon");
    EXPECT_EQ(f.entity(), 41u);
    EXPECT_EQ(f.time(), 1.0);
  }
}

TEST(Task, TeardownWhileSuspendedInsideATaskDestroysEveryFrameOnce) {
  int destroyed = 0;
  {
    Simulation s;
    sim::Resource r(s, 1, "desk");
    s.start(waits_on_task(s, r, destroyed), "holder", 1);
    s.start(waits_on_task(s, r, destroyed), "queued", 2);  // waits inside the task for the desk
    s.run_until(10);
    EXPECT_EQ(r.busy(), 1);
    EXPECT_EQ(r.queue_length(), 1u);
    s.shutdown();
    EXPECT_EQ(destroyed, 4);  // two process frames and two task frames
  }
  EXPECT_EQ(destroyed, 4);
}

// ---- guards of a long run --------------------------------------------------------------------

namespace {

// Never lets simulated time pass: a run of it stops only through the guards.
Process spins(Simulation& s) {
  for (;;) co_await s.timeout(0);
}

Process sleeps(Simulation& s) {
  co_await s.timeout(1e9);
}

// Schedules ever more future events without letting time pass.
Process floods(Simulation& s) {
  for (;;) {
    s.start(sleeps(s), "sleeper");
    co_await s.timeout(0);
  }
}

}  // namespace

TEST(Guards, CancelStopsAZeroTimeLoopAfterAtMostOneGuardInterval) {
  Simulation s;
  std::atomic<bool> cancel{true};  // as if Ctrl-C came before the run
  s.watch(&cancel);
  s.start(spins(s), "spinner");
  EXPECT_THROW(s.run_until(1.0), sim::Cancelled);
  EXPECT_EQ(s.now(), 0.0) << "simulated time never moved";
  EXPECT_EQ(s.events_processed(), Simulation::kGuardInterval);
}

TEST(Guards, PendingEventLimitStopsARunawayModel) {
  Simulation s;
  s.watch(nullptr, 10000);
  s.start(floods(s), "flood");
  try {
    s.run_until(1.0);
    FAIL() << "expected LimitExceeded";
  } catch (const sim::LimitExceeded& e) {
    EXPECT_NE(std::string(e.what()).find("more than 10000 events pending"), std::string::npos)
        << e.what();
  }
  EXPECT_LE(s.pending_events(), 10000 + 2 * Simulation::kGuardInterval);
}

// ---- the first of an event and a deadline
// --------------------------------------------------------

namespace {

Process waits_until(Simulation& s, sim::Event<int>& ev, double deadline,
                    std::vector<std::string>& log, std::string who) {
  const std::optional<int> v = co_await ev.wait_until(deadline);
  log.push_back(who + (v ? "=" + std::to_string(*v) : std::string(" gave up")) + "@" +
                std::to_string(static_cast<int>(s.now())));
}

}  // namespace

TEST(Event, WaitUntilGivesTheFirstOfTheEventAndTheDeadline) {
  Simulation s;
  sim::Event<int> ev(s);
  std::vector<std::string> log;
  s.start(waits_until(s, ev, 2, log, "short"), "a");
  s.start(waits_until(s, ev, 10, log, "long"), "b");
  s.start(waits_until(s, ev, 4, log, "middle"), "c");
  s.start(trigger_at(s, ev, 3, 7), "trigger");
  s.run_until(5);
  EXPECT_EQ(log, (std::vector<std::string>{"short gave up@2", "long=7@3", "middle=7@3"}));
  s.start(waits_until(s, ev, 0, log, "after"), "d");  // triggered already: at once, with the value
  EXPECT_EQ(log.back(), "after=7@5");
}

// ---- the first of several events
// -----------------------------------------------------------------

namespace {

Process first_of_waiter(Simulation& s, std::vector<sim::Event<int>*> evs,
                        std::vector<std::string>& log) {
  const std::pair<std::size_t, int> first = co_await sim::first_of<int>(evs);
  log.push_back("event " + std::to_string(first.first) + "=" + std::to_string(first.second) + "@" +
                std::to_string(static_cast<int>(s.now())));
  co_await s.timeout(100);  // still here when the others trigger: resumed only once
  log.push_back("done@" + std::to_string(static_cast<int>(s.now())));
}

}  // namespace

TEST(Event, FirstOfSeveralResumesOnceWithTheFirstToTrigger) {
  Simulation s;
  sim::Event<int> a(s), b(s), c(s);
  std::vector<std::string> log;
  s.start(first_of_waiter(s, {&a, &b, &c}, log), "w");
  s.start(trigger_at(s, b, 3, 20), "b");
  s.start(trigger_at(s, a, 3, 10), "a");  // same instant, later: too late
  s.start(trigger_at(s, c, 5, 30), "c");
  s.run();
  EXPECT_EQ(log, (std::vector<std::string>{"event 1=20@3", "done@103"}));
  std::vector<std::string> again;
  s.start(first_of_waiter(s, {&c, &a}, again),
          "late");  // both triggered: the first listed, at once
  EXPECT_EQ(again.front(), "event 0=30@103");
}
