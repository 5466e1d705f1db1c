#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "sim/runner.hpp"
#include "sim/validation.hpp"

namespace {

// The same replications on 1, 2 and 4 threads give bit-identical results.
TEST(Runner, BitIdenticalForAnyThreadCount) {
  auto cases = sim::validation_cases();
  const sim::ValidationCase& c = cases[1];  // M/M/4
  auto run = [&](unsigned threads) {
    sim::RunnerOptions opt;
    opt.threads = threads;
    return sim::run_replications<std::vector<double>>(
        6, [&](std::uint32_t rep, std::atomic<std::uint64_t>&) { return c.replicate(99, rep); },
        opt);
  };
  auto one = run(1), two = run(2), four = run(4);
  ASSERT_EQ(one.size(), 6u);
  for (std::size_t r = 0; r < one.size(); ++r)
    for (std::size_t m = 0; m < one[r].size(); ++m) {
      EXPECT_EQ(std::memcmp(&one[r][m], &two[r][m], sizeof(double)), 0);
      EXPECT_EQ(std::memcmp(&one[r][m], &four[r][m], sizeof(double)), 0);
    }
  EXPECT_NE(one[0][1], one[1][1]) << "replications must differ";
}

TEST(Runner, ProgressReportsEveryReplication) {
  sim::RunnerOptions opt;
  opt.threads = 2;
  opt.progress_interval_s = 0.01;
  std::size_t last_done = 0;
  std::uint64_t last_events = 0;
  opt.progress = [&](const sim::Progress& p) {
    EXPECT_GE(p.done, last_done);
    last_done = p.done;
    last_events = p.events;
    EXPECT_EQ(p.total, 8u);
  };
  auto out = sim::run_replications<int>(
      8,
      [](std::uint32_t rep, std::atomic<std::uint64_t>& events) {
        events += 1000;
        return static_cast<int>(rep) * 2;
      },
      opt);
  EXPECT_EQ(last_done, 8u);
  EXPECT_EQ(last_events, 8000u);
  for (int r = 0; r < 8; ++r) EXPECT_EQ(out[static_cast<std::size_t>(r)], 2 * r);
}

TEST(Runner, LowestFailingReplicationIsRethrown) {
  sim::RunnerOptions opt;
  opt.threads = 2;
  try {
    sim::run_replications<int>(
        10,
        [](std::uint32_t rep, std::atomic<std::uint64_t>&) -> int {
          if (rep == 3 || rep == 7) throw std::runtime_error("rep " + std::to_string(rep));
          return 0;
        },
        opt);
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "rep 3");
  }
}

}  // namespace
