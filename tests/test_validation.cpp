// Validation against queueing theory. Each case: 20 replications, fixed seed, 95 % Student-t CI
// widened by 10 %; the closed form must lie inside. No retries.
#include <gtest/gtest.h>

#include "models/theory_cases.hpp"
#include "sim/validation.hpp"

namespace {

// The engine's cases, then the same theory through the scenario format (models/theory_cases.hpp).
std::vector<sim::ValidationCase> all_cases() {
  auto cases = sim::validation_cases();
  for (auto& c : models::scenario_validation_cases()) cases.push_back(std::move(c));
  return cases;
}

class Validation : public ::testing::TestWithParam<std::size_t> {};

TEST_P(Validation, ClosedFormInsideConfidenceInterval) {
  const auto cases = all_cases();
  const sim::ValidationCase& c = cases[GetParam()];
  sim::ValidationOptions opt;
  opt.threads = 2;
  sim::CaseResult r = sim::run_validation(c, opt);
  for (const auto& m : r.metrics) {
    EXPECT_TRUE(m.pass) << c.name << " " << m.name << ": theory " << m.theory << ", simulated "
                        << m.ci.mean << " [" << m.ci.lo << ", " << m.ci.hi << "]";
    // A CI so wide it proves nothing would also "pass": demand a useful precision.
    if (m.theory > 0) {
      EXPECT_LT(m.ci.half_width(), 0.10 * m.theory) << c.name << " " << m.name;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(QueueingTheory, Validation,
                         ::testing::Range<std::size_t>(0, all_cases().size()),
                         [](const ::testing::TestParamInfo<std::size_t>& info) {
                           return all_cases()[info.param].name;
                         });

TEST(ClosedForms, ErlangCAndBlocking) {
  // Known values: C(2, 1) = 1/3; M/M/1/K with a = 1 is uniform: 1/(K+1).
  EXPECT_NEAR(sim::erlang_c(2, 1.0), 1.0 / 3.0, 1e-12);
  EXPECT_NEAR(sim::erlang_c(1, 0.8), 0.8, 1e-12);
  EXPECT_NEAR(sim::mmck_blocking(1, 4, 1.0), 0.2, 1e-12);
}

}  // namespace

namespace {

// Erlang A: the two ways to the abandonment probability agree (theta E[(N - c)+] / lambda from
// the chain, and 1 - P(served) from the tagged customer), and without patience's pull the chain
// approaches M/M/c: with theta tiny and rho < 1 the served wait tends to Erlang C's Wq.
TEST(ClosedForms, ErlangAIsConsistentAndTendsToErlangC) {
  const sim::ErlangA a = sim::erlang_a(4, 4.4, 1.0, 0.5);
  EXPECT_NEAR(a.p_abandon, 0.5 * a.queue_mean / 4.4, 1e-9);
  EXPECT_GT(a.p_abandon, 0.0);
  EXPECT_LT(a.p_abandon, 0.5);
  const sim::ErlangA slow = sim::erlang_a(4, 3.6, 1.0, 1e-7);
  const double c = sim::erlang_c(4, 3.6);
  EXPECT_NEAR(slow.wait_served, c / (4.0 - 3.6), 1e-3);
  EXPECT_LT(slow.p_abandon, 1e-5);
}

}  // namespace
