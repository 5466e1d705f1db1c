#include <gtest/gtest.h>

#include <algorithm>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <functional>
#include <vector>

#include "sim/arrivals.hpp"
#include "sim/distributions.hpp"
#include "sim/philox.hpp"

namespace {

using sim::Distribution;

std::vector<double> draw(const Distribution& d, int n, std::uint32_t stream) {
  sim::RandomSource src(20261123, 0);
  std::vector<double> xs(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    sim::Uniforms u = src.at(stream, static_cast<std::uint32_t>(i), 0);
    xs[static_cast<std::size_t>(i)] = d.sample(u);
  }
  return xs;
}

// Kolmogorov-Smirnov: sqrt(n) D < 1.95 is the 0.999 quantile of the limiting distribution.
double ks_statistic(std::vector<double> xs, const std::function<double(double)>& cdf) {
  std::sort(xs.begin(), xs.end());
  double d = 0, n = static_cast<double>(xs.size());
  for (std::size_t i = 0; i < xs.size(); ++i) {
    double f = cdf(xs[i]);
    d = std::max({d, std::abs(f - i / n), std::abs((i + 1) / n - f)});
  }
  return std::sqrt(n) * d;
}

double phi(double z) {
  return 0.5 * std::erfc(-z / std::sqrt(2.0));
}

struct Case {
  const char* name;
  Distribution d;
  std::function<double(double)> cdf;
};

TEST(Distributions, SamplesFollowTheirCdfAndMoments) {
  const double ln_s = std::sqrt(std::log1p(1.5 * 1.5)), ln_mu = std::log(300.0) - 0.5 * ln_s * ln_s;
  std::vector<Case> cases = {
      {"exponential", Distribution::exponential(120),
       [](double x) { return 1 - std::exp(-x / 120); }},
      {"uniform", Distribution::uniform(60, 180), [](double x) { return (x - 60) / 120; }},
      {"triangular", Distribution::triangular(2, 5, 15),
       [](double x) {
         return x < 5 ? (x - 2) * (x - 2) / ((15 - 2) * (5 - 2))
                      : 1 - (15 - x) * (15 - x) / ((15 - 2) * (15 - 5));
       }},
      {"lognormal", Distribution::lognormal(300, 1.5),
       [=](double x) { return phi((std::log(x) - ln_mu) / ln_s); }},
      {"gamma k=4", Distribution::gamma(600, 0.5),
       [](double x) { return boost::math::gamma_p(4.0, x / 150.0); }},
      {"gamma k=0.5", Distribution::gamma(10, std::sqrt(2.0)),
       [](double x) { return boost::math::gamma_p(0.5, x / 20.0); }},
      {"erlang k=3", Distribution::erlang(90, 3),
       [](double x) { return boost::math::gamma_p(3.0, x / 30.0); }},
      {"weibull", Distribution::weibull(1.7, 50),
       [](double x) { return 1 - std::exp(-std::pow(x / 50, 1.7)); }},
      {"empirical", Distribution::empirical({0, 10, 30, 100}, {0, 0.5, 0.9, 1.0}),
       [](double x) {
         if (x < 10) return 0.05 * x;
         if (x < 30) return 0.5 + 0.02 * (x - 10);
         return 0.9 + (x - 30) / 700.0;
       }},
  };
  const int n = 100000;
  std::uint32_t stream = 1;
  for (const Case& c : cases) {
    auto xs = draw(c.d, n, stream++);
    EXPECT_LT(ks_statistic(xs, c.cdf), 1.95) << c.name;
    double m = 0;
    for (double x : xs) m += x;
    m /= n;
    double se = std::sqrt(c.d.variance() / n);
    EXPECT_NEAR(m, c.d.mean(), 4.5 * se) << c.name;  // ~7e-6 false-alarm rate per case
    for (double x : xs) ASSERT_GE(x, 0.0) << c.name;
  }
}

TEST(Distributions, DeterministicAndScaled) {
  auto d = Distribution::deterministic(12);
  sim::RandomSource src(1, 0);
  sim::Uniforms u = src.at(1, 1, 1);
  EXPECT_EQ(d.sample(u), 12.0);
  EXPECT_EQ(d.variance(), 0.0);
  auto l = Distribution::lognormal(5, 0.5).scaled(60);
  EXPECT_DOUBLE_EQ(l.mean(), 300.0);
  EXPECT_DOUBLE_EQ(l.cv(), 0.5);
}

TEST(Distributions, RejectsBadParameters) {
  EXPECT_THROW(Distribution::exponential(0), std::invalid_argument);
  EXPECT_THROW(Distribution::triangular(5, 2, 10), std::invalid_argument);
  EXPECT_THROW(Distribution::lognormal(1, -1), std::invalid_argument);
  EXPECT_THROW(Distribution::empirical({0, 1}, {0, 0.5}), std::invalid_argument);
  EXPECT_THROW(sim::Bernoulli(1.5), std::invalid_argument);
  EXPECT_THROW(sim::DiscreteChoice({0, 0}), std::invalid_argument);
}

TEST(Distributions, BernoulliAndDiscreteChoiceFrequencies) {
  sim::RandomSource src(3, 0);
  sim::Bernoulli b(0.3);
  sim::DiscreteChoice channel({57.5, 37.5, 5.0});  // green, yellow, red
  const int n = 200000;
  int hits = 0;
  std::vector<int> counts(3, 0);
  for (int i = 0; i < n; ++i) {
    sim::Uniforms u = src.at(11, static_cast<std::uint32_t>(i), 0);
    hits += b.sample(u);
    sim::Uniforms v = src.at(12, static_cast<std::uint32_t>(i), 0);
    ++counts[channel.sample(v)];
  }
  EXPECT_NEAR(hits / double(n), 0.3, 4.5 * std::sqrt(0.21 / n));
  const double p[3] = {0.575, 0.375, 0.05};
  for (int k = 0; k < 3; ++k)
    EXPECT_NEAR(counts[k] / double(n), p[k], 4.5 * std::sqrt(p[k] * (1 - p[k]) / n));
  sim::DiscreteChoice with_zero({1, 0, 1});
  for (int i = 0; i < 1000; ++i) {
    sim::Uniforms v = src.at(13, static_cast<std::uint32_t>(i), 0);
    EXPECT_NE(with_zero.sample(v), 1u);
  }
}

// Arrivals from a daily profile: 2/h from 00:00, 20/h from 08:00, 5/h from 18:00. Over 200 days
// the count in each segment is Poisson with a known mean; compare within 4.5 sigma.
TEST(Arrivals, PiecewiseConstantRateCountsMatchTheIntegral) {
  const double h = 3600;
  sim::PiecewiseRate rate({0, 8 * h, 18 * h}, {2 / h, 20 / h, 5 / h}, 24 * h);
  EXPECT_DOUBLE_EQ(rate.cumulative(0, 24 * h), 16 + 200 + 30);
  sim::RandomSource src(9, 0);
  sim::Stream st(src, "arrivals");
  std::vector<double> counts(3, 0);
  double t = 0;
  const double horizon = 200 * 24 * h;
  for (;;) {
    t = rate.next(t, -std::log(st.uniform()));
    if (t >= horizon) break;
    double tod = std::fmod(t, 24 * h);
    counts[tod < 8 * h ? 0 : (tod < 18 * h ? 1 : 2)] += 1;
  }
  const double expect[3] = {200 * 16.0, 200 * 200.0, 200 * 30.0};
  for (int k = 0; k < 3; ++k) EXPECT_NEAR(counts[k], expect[k], 4.5 * std::sqrt(expect[k])) << k;
}

TEST(Arrivals, ZeroRateNeverArrivesAndGapsAreSkipped) {
  sim::PiecewiseRate none({0}, {0}, 0);
  EXPECT_TRUE(std::isinf(none.next(0, 1.0)));
  // Open only 1 hour a day at rate 1/s: the 5000th unit of hazard falls on day 2 (index 1).
  sim::PiecewiseRate gated({0, 3600}, {1.0, 0.0}, 86400);
  double t = gated.next(0, 5000);
  EXPECT_NEAR(t, 86400 + 1400, 1e-6);
}

}  // namespace
