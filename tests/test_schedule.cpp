// Capacity as data: the schedule, its integral, and the process that makes resources follow it.
#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

#include "sim/resource.hpp"
#include "sim/schedule.hpp"
#include "sim/simulation.hpp"

namespace {

using sim::CapacitySchedule;

CapacitySchedule day_windows(int servers) {
  CapacitySchedule c;
  for (int d = 0; d < 3; ++d) {
    c.add(d * 100.0 + 10, servers);
    c.add(d * 100.0 + 60, 0);
  }
  return c;
}

TEST(CapacitySchedule, ServersInForceAndIntegral) {
  const CapacitySchedule c = day_windows(3);
  EXPECT_EQ(c.at(0), 0);
  EXPECT_EQ(c.at(10), 3);  // a step holds from its instant
  EXPECT_EQ(c.at(59.9), 3);
  EXPECT_EQ(c.at(60), 0);
  EXPECT_EQ(c.at(1e9), 0);
  EXPECT_DOUBLE_EQ(c.server_seconds(0, 300), 3 * 50.0 * 3);
  EXPECT_DOUBLE_EQ(c.server_seconds(30, 120), 3 * 30.0 + 3 * 10.0);
  EXPECT_DOUBLE_EQ(c.server_seconds(60, 110), 0.0);
  EXPECT_EQ(c.step_at(5), -1);
}

TEST(CapacitySchedule, ConstantAndSharedInstants) {
  const CapacitySchedule k = CapacitySchedule::constant(4);
  EXPECT_EQ(k.at(-1e12), 4);
  EXPECT_DOUBLE_EQ(k.server_seconds(0, 10), 40.0);
  CapacitySchedule c;  // a window closing as the next opens: the later step wins
  c.add(0, 2);
  c.add(50, 0);
  c.add(50, 5);
  EXPECT_EQ(c.at(50), 5);
  EXPECT_DOUBLE_EQ(c.server_seconds(0, 100), 2 * 50.0 + 5 * 50.0);
  EXPECT_THROW(c.add(10, 1), std::invalid_argument);
  EXPECT_THROW(c.add(60, -1), std::invalid_argument);
}

sim::Process probe(sim::Simulation& s, std::vector<int>& seen, sim::Resource& a, sim::Resource& b,
                   std::vector<double> at) {
  for (double t : at) {
    co_await s.until(t);  // Normal tier: after the calendar's change at the same instant
    seen.push_back(a.capacity());
    seen.push_back(b.capacity());
  }
}

TEST(Follow, ResourcesFollowTheirSchedulesOneEventPerStep) {
  sim::Simulation s;
  sim::Resource a(s, 0, "a"), b(s, 0, "b");
  const CapacitySchedule sa = day_windows(3), sb = day_windows(1);
  s.start(sim::follow(s, {{&a, &sa}, {&b, &sb}}), "calendar");
  std::vector<int> seen;
  s.start(probe(s, seen, a, b, {0, 10, 60, 110, 270}), "probe");
  s.run();
  EXPECT_EQ(seen, (std::vector<int>{0, 0, 3, 1, 0, 0, 3, 1, 0, 0}));
  // Six steps, six calendar events (both resources change together), and the probe's five.
  EXPECT_EQ(s.events_processed(), 6u + 5u);
  // The integral of what was followed is the schedule's.
  EXPECT_DOUBLE_EQ(a.capacity_stats().area(s.now()), sa.server_seconds(0, s.now()));
}

TEST(Follow, StepsFromTheStartNeedNoEvent) {
  sim::Simulation s;
  sim::Resource r(s, 0, "r");
  const CapacitySchedule k = CapacitySchedule::constant(2);
  s.start(sim::follow(s, {{&r, &k}}), "cranes");
  EXPECT_EQ(r.capacity(), 2);
  s.run();
  EXPECT_EQ(s.events_processed(), 0u);
}

TEST(Follow, SchedulesOnDifferentClocksAreRefused) {
  sim::Simulation s;
  sim::Resource a(s, 0, "a"), b(s, 0, "b");
  CapacitySchedule sa = day_windows(1), sb;
  sb.add(5, 1);
  s.start(sim::follow(s, {{&a, &sa}, {&b, &sb}}), "calendar");
  EXPECT_THROW(s.run(), std::exception);
}

}  // namespace
