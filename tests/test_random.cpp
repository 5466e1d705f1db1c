#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "sim/philox.hpp"

namespace {

using sim::RandomSource;

TEST(Random, DrawDependsOnlyOnItsAddress) {
  RandomSource a(42, 3), b(42, 3);
  // Draw in opposite orders: the same address gives the same bits.
  std::vector<double> fwd, bwd;
  for (std::uint32_t e = 0; e < 100; ++e) fwd.push_back(a.uniform(7, e, 2));
  for (std::uint32_t e = 100; e-- > 0;) bwd.push_back(b.uniform(7, e, 2));
  for (std::size_t i = 0; i < 100; ++i) EXPECT_EQ(fwd[i], bwd[99 - i]);
  // Interleaving unrelated draws does not change it either.
  for (int k = 0; k < 1000; ++k) (void)a.uniform(9, static_cast<std::uint32_t>(k), 0);
  EXPECT_EQ(a.uniform(7, 5, 2), fwd[5]);
}

TEST(Random, EveryAddressComponentMatters) {
  RandomSource base(42, 3);
  const double u = base.uniform(1, 2, 3);
  EXPECT_NE(RandomSource(43, 3).uniform(1, 2, 3), u);
  EXPECT_NE(RandomSource(42, 4).uniform(1, 2, 3), u);
  EXPECT_NE(RandomSource(42ull | (1ull << 40), 3).uniform(1, 2, 3), u);
  EXPECT_NE(base.uniform(2, 2, 3), u);
  EXPECT_NE(base.uniform(1, 3, 3), u);
  EXPECT_NE(base.uniform(1, 2, 4), u);
}

TEST(Random, UniformsStayInOpenInterval) {
  EXPECT_GT(sim::to_open_unit(0), 0.0);
  EXPECT_LT(sim::to_open_unit(~0ull), 1.0);
  sim::Uniforms u = RandomSource(1, 0).at(1, 1, 1);
  for (int i = 0; i < 1000; ++i) {
    double x = u.next();
    ASSERT_GT(x, 0.0);
    ASSERT_LT(x, 1.0);
  }
}

TEST(Random, StreamNamesHashStably) {
  EXPECT_EQ(sim::stream_id("arrivals"), sim::stream_id("arrivals"));
  EXPECT_NE(sim::stream_id("arrivals"), sim::stream_id("service"));
  // FNV-1a of the empty string is its offset basis: a fixed, documented value.
  EXPECT_EQ(sim::stream_id(""), 2166136261u);
}

// Two named streams at the same entities and indices: the pairs (u_A, u_B) must fill the unit
// square uniformly. Chi-square over a 10x10 grid with 200,000 pairs, 99 degrees of freedom; the
// 0.999 quantile is 148.2. Fixed seed: deterministic.
TEST(Random, StreamsAreIndependentGoodnessOfFit) {
  RandomSource src(20261123, 0);
  const std::uint32_t a = sim::stream_id("quarantine"), b = sim::stream_id("customs");
  std::vector<int> cells(100, 0);
  std::vector<int> marg(10, 0);
  const int n = 200000;
  double sx = 0, sy = 0, sxy = 0, sxx = 0, syy = 0;
  for (int i = 0; i < n; ++i) {
    double x =
        src.uniform(a, static_cast<std::uint32_t>(i % 5000), static_cast<std::uint32_t>(i / 5000));
    double y =
        src.uniform(b, static_cast<std::uint32_t>(i % 5000), static_cast<std::uint32_t>(i / 5000));
    ++cells[static_cast<int>(x * 10) * 10 + static_cast<int>(y * 10)];
    ++marg[static_cast<int>(x * 10)];
    sx += x;
    sy += y;
    sxy += x * y;
    sxx += x * x;
    syy += y * y;
  }
  double chi2 = 0, expected = n / 100.0;
  for (int c : cells) chi2 += (c - expected) * (c - expected) / expected;
  EXPECT_LT(chi2, 148.2);
  double chi2m = 0, em = n / 10.0;
  for (int c : marg) chi2m += (c - em) * (c - em) / em;
  EXPECT_LT(chi2m, 27.88);  // 9 df, 0.999 quantile
  double cov = sxy / n - (sx / n) * (sy / n);
  double r = cov / std::sqrt((sxx / n - (sx / n) * (sx / n)) * (syy / n - (sy / n) * (sy / n)));
  EXPECT_LT(std::abs(r), 4.0 / std::sqrt(static_cast<double>(n)));
}

TEST(Random, SequentialStreamCountsDraws) {
  RandomSource src(5, 1);
  sim::Stream s1(src, "arrivals.flow1"), s2(src, "arrivals.flow1");
  for (int i = 0; i < 10; ++i) EXPECT_EQ(s1.uniform(), s2.uniform());
  EXPECT_EQ(s1.position(), 10u);
  sim::Stream s3(src, "arrivals.flow2");
  EXPECT_NE(s3.uniform(), sim::Stream(src, "arrivals.flow1").uniform());
}

}  // namespace
