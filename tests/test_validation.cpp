// Validation against queueing theory. Each case: 20 replications, fixed seed, 95 % Student-t CI
// widened by 10 %; the closed form must lie inside. No retries.
#include <gtest/gtest.h>

#include "sim/validation.hpp"

namespace {

class Validation : public ::testing::TestWithParam<std::size_t> {};

TEST_P(Validation, ClosedFormInsideConfidenceInterval) {
  auto cases = sim::validation_cases();
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
                         ::testing::Range<std::size_t>(0, sim::validation_cases().size()),
                         [](const ::testing::TestParamInfo<std::size_t>& info) {
                           return sim::validation_cases()[info.param].name;
                         });

TEST(ClosedForms, ErlangCAndBlocking) {
  // Known values: C(2, 1) = 1/3; M/M/1/K with a = 1 is uniform: 1/(K+1).
  EXPECT_NEAR(sim::erlang_c(2, 1.0), 1.0 / 3.0, 1e-12);
  EXPECT_NEAR(sim::erlang_c(1, 0.8), 0.8, 1e-12);
  EXPECT_NEAR(sim::mmck_blocking(1, 4, 1.0), 0.2, 1e-12);
}

}  // namespace
