#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "sim/stats.hpp"

namespace {

TEST(Tally, WelfordAndMergeAgreeWithTwoPass) {
  std::mt19937_64 rng(1);
  std::lognormal_distribution<double> d(1.0, 1.0);
  std::vector<double> xs(10001);
  for (double& x : xs) x = d(rng);
  sim::Tally all, a, b;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    all.add(xs[i]);
    (i < 3000 ? a : b).add(xs[i]);
  }
  a.merge(b);
  double mean = 0;
  for (double x : xs) mean += x;
  mean /= xs.size();
  double var = 0;
  for (double x : xs) var += (x - mean) * (x - mean);
  var /= xs.size() - 1;
  EXPECT_NEAR(all.mean(), mean, 1e-12 * mean);
  EXPECT_NEAR(all.variance(), var, 1e-9 * var);
  EXPECT_NEAR(a.mean(), mean, 1e-12 * mean);
  EXPECT_NEAR(a.variance(), var, 1e-9 * var);
  EXPECT_EQ(a.count(), xs.size());
  EXPECT_EQ(a.min(), *std::min_element(xs.begin(), xs.end()));
  EXPECT_EQ(a.max(), *std::max_element(xs.begin(), xs.end()));
}

TEST(TimeWeighted, AverageAndReset) {
  sim::TimeWeighted q(0, 0);
  q.update(2, 3);  // 0 on [0,2)
  q.update(6, 1);  // 3 on [2,6)
  EXPECT_DOUBLE_EQ(q.mean(10), (0 * 2 + 3 * 4 + 1 * 4) / 10.0);
  EXPECT_EQ(q.max(), 3);
  q.reset(10);
  q.update(12, 0);  // 1 on [10,12)
  EXPECT_DOUBLE_EQ(q.mean(14), 2.0 / 4.0);
  EXPECT_EQ(q.max(), 1);
}

TEST(Quantiles, RelativeErrorWithinOnePercentAndMergeable) {
  std::mt19937_64 rng(2);
  std::lognormal_distribution<double> d(5.0, 1.5);
  std::vector<double> xs(50000);
  sim::Quantiles all, a, b;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    xs[i] = i % 10 == 0 ? 0.0 : d(rng);  // a tenth did not wait
    all.add(xs[i]);
    (i % 2 ? a : b).add(xs[i]);
  }
  a.merge(b);
  std::sort(xs.begin(), xs.end());
  for (double q : {0.05, 0.1, 0.25, 0.5, 0.9, 0.95, 0.99, 1.0}) {
    double exact = xs[static_cast<std::size_t>(q * (xs.size() - 1))];
    double est = all.quantile(q);
    if (exact == 0) {
      EXPECT_EQ(est, 0.0) << q;
    } else {
      EXPECT_LE(std::abs(est - exact), 0.01 * exact) << q;
    }
    EXPECT_EQ(a.quantile(q), est) << "merge must equal the single sketch, q=" << q;
  }
  EXPECT_EQ(a.count(), xs.size());
}

TEST(ConfidenceInterval, StudentTQuantilesAndCoverage) {
  EXPECT_NEAR(sim::student_t_quantile(19, 0.975), 2.093024, 1e-6);
  EXPECT_NEAR(sim::student_t_quantile(4, 0.975), 2.776445, 1e-6);
  std::vector<double> xs = {1, 2, 3, 4, 5};
  sim::Interval ci = sim::mean_ci(xs);
  EXPECT_DOUBLE_EQ(ci.mean, 3.0);
  EXPECT_NEAR(ci.half_width(), 2.776445 * std::sqrt(2.5) / std::sqrt(5.0), 1e-6);
  // Coverage over 2000 fixed-seed experiments of n = 10 normals: 95 % +- 3 sigma.
  std::mt19937_64 rng(3);
  std::normal_distribution<double> nd(7.0, 2.0);
  int covered = 0;
  for (int e = 0; e < 2000; ++e) {
    std::vector<double> s(10);
    for (double& x : s) x = nd(rng);
    covered += sim::mean_ci(s).contains(7.0);
  }
  EXPECT_NEAR(covered / 2000.0, 0.95, 3 * std::sqrt(0.95 * 0.05 / 2000));
}

TEST(ConfidenceInterval, PairedDifferences) {
  std::vector<double> base = {10, 12, 9, 15, 11}, variant = {8, 10.5, 7, 13.5, 9};
  sim::Interval d = sim::paired_difference_ci(base, variant);
  EXPECT_NEAR(d.mean, -1.8, 1e-12);
  EXPECT_TRUE(d.excludes_zero());
  sim::Interval same = sim::paired_difference_ci(base, base);
  EXPECT_EQ(same.mean, 0.0);
  EXPECT_EQ(same.half_width(), 0.0);
  EXPECT_FALSE(same.excludes_zero());
}

}  // namespace

// Exact percentiles (issue 12): linear interpolation between order statistics (type 7).
TEST(ExactQuantile, KnownSamples) {
  std::vector<double> v;
  for (int i = 100; i >= 1; --i) v.push_back(i);  // 1..100, unsorted
  EXPECT_DOUBLE_EQ(sim::exact_quantile(v, 0.95), 95.05);
  EXPECT_DOUBLE_EQ(sim::exact_quantile(v, 0.5), 50.5);
  EXPECT_DOUBLE_EQ(sim::exact_quantile(v, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(sim::exact_quantile(v, 1.0), 100.0);
  std::vector<double> four = {4, 1, 3, 2};
  EXPECT_DOUBLE_EQ(sim::exact_quantile(four, 0.5), 2.5);
  std::vector<double> one = {7};
  EXPECT_DOUBLE_EQ(sim::exact_quantile(one, 0.95), 7.0);
  std::vector<double> none;
  EXPECT_TRUE(std::isnan(sim::exact_quantile(none, 0.5)));
}

// Holm's step-down: sorted p-values against alpha / (m - k); the first failure stops it.
TEST(Holm, StepDownAdjustment) {
  // m = 4: 0.01 <= 0.0125 yes; 0.015 <= 0.0167 yes; 0.03 <= 0.025 no -> stop (0.04 not either).
  const std::vector<bool> s = sim::holm_significant({0.03, 0.01, 0.04, 0.015});
  EXPECT_EQ(s, (std::vector<bool>{false, true, false, true}));
  // A NaN does not count in the family and is never significant.
  const std::vector<bool> t = sim::holm_significant({0.02, NAN, 0.024});
  EXPECT_EQ(t, (std::vector<bool>{true, false, true}));
  // Paired t-test p-values: identical samples 1, a constant shift 0.
  const std::vector<double> a = {1, 2, 3, 4}, b = {2, 3, 4, 5};
  EXPECT_EQ(sim::paired_t_p_value(a, a), 1.0);
  EXPECT_EQ(sim::paired_t_p_value(a, b), 0.0);
  const std::vector<double> c = {1.1, 2.3, 2.9, 4.2};
  EXPECT_GT(sim::paired_t_p_value(a, c), 0.05);
}
