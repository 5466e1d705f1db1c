// The pure mathematics of `bordersim explore`: designs, sensitivity indices, the flip rule and
// the MSER-5 warm-up. Every test has fixed seeds; statistical checks use analytic values.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <set>
#include <vector>

#include "studies/design.hpp"
#include "studies/flip_rule.hpp"
#include "studies/sensitivity.hpp"
#include "studies/warmup.hpp"

namespace {

using namespace studies;

// Standard normal deviates by Box-Muller from the engine's bits, the same on every machine.
struct Normal {
  std::mt19937_64 rng;
  explicit Normal(std::uint64_t seed) : rng(seed) {}
  double operator()() {
    const double u1 = 1 - unit_from_bits(rng()), u2 = unit_from_bits(rng());
    return std::sqrt(-2 * std::log(u1)) * std::cos(2 * std::numbers::pi * u2);
  }
};

bool covers(const Estimate& e, double x) {
  return e.low <= x && x <= e.high;
}

// --- designs ----------------------------------------------------------------------------------

TEST(DesignLhs, OnePointPerStratumInEveryColumn) {
  const std::size_t n = 50;
  const UnitDesign d = lhs_design(3, n, 11);
  ASSERT_EQ(d.points.size(), n);
  EXPECT_EQ(d.base, n);
  for (std::size_t c = 0; c < 3; ++c) {
    std::set<std::size_t> strata;
    for (const auto& p : d.points) {
      ASSERT_GE(p[c], 0.0);
      ASSERT_LT(p[c], 1.0);
      strata.insert(static_cast<std::size_t>(std::floor(p[c] * n)));
    }
    EXPECT_EQ(strata.size(), n) << "column " << c;
  }
}

TEST(DesignLhs, ReproducibleAndSeedDependent) {
  EXPECT_EQ(lhs_design(4, 20, 7).points, lhs_design(4, 20, 7).points);
  EXPECT_NE(lhs_design(4, 20, 7).points, lhs_design(4, 20, 8).points);
  // Bits from std::mt19937_64, whose output the standard fixes: this value holds everywhere.
  const UnitDesign d = lhs_design(1, 1, 1);
  EXPECT_EQ(d.points[0][0], unit_from_bits(std::mt19937_64(1)()));
}

TEST(DesignGrid, SizeAndLevelCentresFirstInputSlowest) {
  const UnitDesign d = grid_design({2, 3});
  ASSERT_EQ(d.points.size(), 6u);
  EXPECT_EQ(d.base, 6u);
  const std::vector<std::vector<double>> want = {{0.25, 1.0 / 6}, {0.25, 0.5}, {0.25, 2.5 / 3},
                                                 {0.75, 1.0 / 6}, {0.75, 0.5}, {0.75, 2.5 / 3}};
  for (std::size_t k = 0; k < 6; ++k)
    for (std::size_t i = 0; i < 2; ++i) EXPECT_DOUBLE_EQ(d.points[k][i], want[k][i]);
  EXPECT_THROW(grid_design({2, 0}), std::invalid_argument);
}

TEST(DesignMorris, EachStepMovesOneInputByDelta) {
  const std::size_t dims = 4, r = 12, p = 4;
  const UnitDesign d = morris_design(dims, r, p, 3);
  ASSERT_EQ(d.points.size(), r * (dims + 1));
  std::set<std::vector<double>> starts;
  for (std::size_t t = 0; t < r; ++t) {
    std::vector<int> moved(dims, 0);
    starts.insert(d.points[t * (dims + 1)]);
    for (std::size_t s = 0; s < dims; ++s) {
      const auto& a = d.points[t * (dims + 1) + s];
      const auto& b = d.points[t * (dims + 1) + s + 1];
      std::size_t changed = 0;
      for (std::size_t i = 0; i < dims; ++i) {
        // level centres (j + 0.5)/p
        const double j = b[i] * p - 0.5;
        EXPECT_NEAR(j, std::round(j), 1e-12);
        if (a[i] != b[i]) {
          ++changed, ++moved[i];
          EXPECT_DOUBLE_EQ(std::abs(b[i] - a[i]), 0.5);  // p/2 levels of 1/p
        }
      }
      EXPECT_EQ(changed, 1u);
    }
    for (int m : moved) EXPECT_EQ(m, 1);
  }
  EXPECT_GT(starts.size(), 1u);
  EXPECT_EQ(d.points, morris_design(dims, r, p, 3).points);
  EXPECT_THROW(morris_design(dims, r, 5, 3), std::invalid_argument);
}

TEST(DesignSobol, SaltelliLayout) {
  const std::size_t dims = 3, n = 64;
  const UnitDesign d = sobol_design(dims, n, 5);
  ASSERT_EQ(d.points.size(), n * (dims + 2));
  EXPECT_EQ(d.base, n);
  for (const auto& p : d.points)
    for (double x : p) ASSERT_TRUE(x >= 0 && x < 1);
  for (std::size_t i = 0; i < dims; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      const auto& a = d.points[j];
      const auto& b = d.points[n + j];
      const auto& ab = d.points[(2 + i) * n + j];
      for (std::size_t c = 0; c < dims; ++c) EXPECT_EQ(ab[c], c == i ? b[c] : a[c]);
    }
  }
  // a digital shift of a net: every column of A has one point in each of n strata
  for (std::size_t c = 0; c < dims; ++c) {
    std::set<std::size_t> strata;
    for (std::size_t j = 0; j < n; ++j) strata.insert(std::size_t(d.points[j][c] * n));
    EXPECT_EQ(strata.size(), n);
  }
  EXPECT_EQ(d.points, sobol_design(dims, n, 5).points);
  EXPECT_NE(d.points, sobol_design(dims, n, 6).points);
}

TEST(DesignMaps, InverseMapsAndNames) {
  EXPECT_DOUBLE_EQ(uniform_at(0.25, 2, 6), 3);
  EXPECT_DOUBLE_EQ(log_uniform_at(0.5, 1, 100), 10);
  EXPECT_DOUBLE_EQ(log_uniform_at(0, 1, 100), 1);
  EXPECT_THROW(log_uniform_at(0.5, 0, 1), std::invalid_argument);
  // triangular(0, 1, 4): F(1) = 1/4, so u = 1/4 is the mode; the median is 4 - sqrt(6)
  EXPECT_DOUBLE_EQ(triangular_at(0.25, 0, 1, 4), 1);
  EXPECT_NEAR(triangular_at(0.5, 0, 1, 4), 4 - std::sqrt(6.0), 1e-12);
  EXPECT_DOUBLE_EQ(triangular_at(0, 0, 1, 4), 0);
  EXPECT_EQ(alternative_at(0.0, 3), 0u);
  EXPECT_EQ(alternative_at(0.34, 3), 1u);
  EXPECT_EQ(alternative_at(0.9999999999999999, 3), 2u);
  EXPECT_EQ(alternative_at(1.0, 3), 2u);
  EXPECT_EQ(alternative_at(std::nan(""), 3), 0u);
  for (DesignKind k : {DesignKind::Lhs, DesignKind::Grid, DesignKind::Morris, DesignKind::Sobol})
    EXPECT_EQ(parse_design(design_name(k)), k);
  EXPECT_THROW(parse_design("halton"), std::invalid_argument);
}

// --- Sobol' indices -------------------------------------------------------------------------

double ishigami(double x1, double x2, double x3) {
  return std::sin(x1) + 7 * std::pow(std::sin(x2), 2) + 0.1 * std::pow(x3, 4) * std::sin(x1);
}

// Ishigami on inputs 0..2 mapped to [-pi, pi]; input 3 is a dummy. `swap` evaluates the function
// with x1 and x3 exchanged: the deliberately wrong model.
SobolIndices ishigami_indices(bool swap) {
  const UnitDesign d = sobol_design(4, 4096, 2024);
  std::vector<double> y;
  for (const auto& p : d.points) {
    const double pi = std::numbers::pi;
    const double x1 = uniform_at(p[0], -pi, pi), x2 = uniform_at(p[1], -pi, pi),
                 x3 = uniform_at(p[2], -pi, pi);
    y.push_back(swap ? ishigami(x3, x2, x1) : ishigami(x1, x2, x3));
  }
  return sobol_indices(d, y, 400, 99, 0.99);
}

TEST(SensitivitySobol, IshigamiAnalyticValuesInsideTheCIs) {
  const SobolIndices s = ishigami_indices(false);
  EXPECT_EQ(s.used, 4096u);
  // V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2
  const double pi4 = std::pow(std::numbers::pi, 4);
  EXPECT_NEAR(s.variance, 49.0 / 8 + 0.1 * pi4 / 5 + 0.01 * pi4 * pi4 / 18 + 0.5, 0.3);
  const double first[] = {0.3139, 0.4424, 0.0, 0.0};
  const double total[] = {0.5576, 0.4424, 0.2437, 0.0};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_TRUE(covers(s.first[i], first[i])) << "S" << i + 1 << " " << s.first[i].value << " ["
                                              << s.first[i].low << ", " << s.first[i].high << "]";
    EXPECT_TRUE(covers(s.total[i], total[i])) << "ST" << i + 1 << " " << s.total[i].value << " ["
                                              << s.total[i].low << ", " << s.total[i].high << "]";
    // narrow enough to tell the inputs apart
    EXPECT_LT(s.first[i].high - s.first[i].low, 0.12);
    EXPECT_LT(s.total[i].high - s.total[i].low, 0.12);
  }
  // the dummy input moves nothing: both indices and their CIs are exactly 0
  EXPECT_TRUE(covers(s.first[3], 0));
  EXPECT_TRUE(covers(s.total[3], 0));
}

TEST(SensitivitySobol, WrongModelMissesTheAnalyticValues) {
  const SobolIndices s = ishigami_indices(true);
  EXPECT_FALSE(covers(s.first[0], 0.3139));
  EXPECT_FALSE(covers(s.total[0], 0.5576));
  EXPECT_FALSE(covers(s.total[2], 0.2437));
  EXPECT_TRUE(covers(s.first[1], 0.4424));  // x2 is unaffected by the swap
}

TEST(SensitivitySobol, DegenerateResponses) {
  const UnitDesign d = sobol_design(2, 32, 1);
  std::vector<double> y(d.points.size(), 3.0);
  SobolIndices s = sobol_indices(d, y, 50, 1);
  EXPECT_EQ(s.variance, 0);
  EXPECT_TRUE(std::isnan(s.first[0].value) && std::isnan(s.total[1].high));
  for (std::size_t k = 0; k < y.size(); ++k) y[k] = d.points[k][0];
  y[32 + 5] = std::nan("");  // B row 5 drops base row 5
  s = sobol_indices(d, y, 50, 1);
  EXPECT_EQ(s.used, 31u);
  EXPECT_NEAR(s.total[0].value, 1, 0.25);
  EXPECT_EQ(s.total[1].value, 0);
  EXPECT_THROW(sobol_indices(d, std::vector<double>(3), 50, 1), std::invalid_argument);
}

// --- Morris -----------------------------------------------------------------------------------

TEST(SensitivityMorris, LinearAndQuadraticInputsRankedDummyZero) {
  const UnitDesign d = morris_design(3, 20, 4, 17);
  std::vector<double> y;
  for (const auto& p : d.points) y.push_back(3 * p[0] + 0 * p[1] + p[2] * p[2]);
  const MorrisEffects m = morris_effects(d, y, 300, 5);
  EXPECT_NEAR(m.mu_star[0], 3, 1e-12);
  EXPECT_NEAR(m.mu[0], 3, 1e-12);
  EXPECT_NEAR(m.sigma[0], 0, 1e-12);
  EXPECT_EQ(m.mu_star[1], 0);
  EXPECT_EQ(m.mu_star_ci[1].low, 0);
  EXPECT_EQ(m.mu_star_ci[1].high, 0);
  // x^2 over a step of 1/2 between level centres: EE = x_low + x_high, 0.75 or 1.25
  EXPECT_GE(m.mu_star[2], 0.75);
  EXPECT_LE(m.mu_star[2], 1.25);
  EXPECT_GT(m.sigma[2], 0);
  EXPECT_TRUE(covers(m.mu_star_ci[2], m.mu_star[2]));
  EXPECT_GT(m.mu_star_ci[0].low, m.mu_star_ci[2].high);  // ranks: x1 > x3 > x2
  EXPECT_GT(m.mu_star_ci[2].low, m.mu_star_ci[1].high);
}

// --- standardised regression ------------------------------------------------------------------

TEST(SensitivityRegression, SrcMatchTheoryWithinCIs) {
  std::mt19937_64 rng(31);
  Normal noise(32);
  const std::size_t n = 2000;
  std::vector<std::vector<double>> x(3, std::vector<double>(n));
  std::vector<double> y(n);
  for (std::size_t p = 0; p < n; ++p) {
    x[0][p] = unit_from_bits(rng());
    x[1][p] = unit_from_bits(rng());
    x[2][p] = 4.0;  // a constant column: no coefficient
    y[p] = 2 * x[0][p] - x[1][p] + 0.3 * noise();
  }
  y[7] = std::nan("");  // a failed run is left out
  const Regression r = standardised_regression(x, y, 0.99);
  // Var y = 4/12 + 1/12 + 0.09; SRC_i = b_i sd(x_i) / sd(y)
  const double vy = 5.0 / 12 + 0.09, sx = std::sqrt(1.0 / 12);
  const double src1 = 2 * sx / std::sqrt(vy), src2 = -sx / std::sqrt(vy);
  EXPECT_TRUE(covers(r.src[0], src1))
      << r.src[0].value << " [" << r.src[0].low << ", " << r.src[0].high << "] vs " << src1;
  EXPECT_TRUE(covers(r.src[1], src2)) << r.src[1].value << " vs " << src2;
  EXPECT_LT(r.src[0].high - r.src[0].low, 0.05);
  EXPECT_FALSE(covers(r.src[0], 2));  // standardised, not the raw slope
  EXPECT_TRUE(std::isnan(r.src[2].value));
  EXPECT_NEAR(r.r2, (5.0 / 12) / vy, 0.02);
}

TEST(SensitivityRegression, ConstantResponseGivesNaN) {
  const Regression r = standardised_regression({{1, 2, 3, 4}}, {5, 5, 5, 5});
  EXPECT_TRUE(std::isnan(r.src[0].value));
  EXPECT_TRUE(std::isnan(r.r2));
}

// --- flip rule --------------------------------------------------------------------------------

// pickup (fifo, quota, priority) x patience 1, 1.5, ..., 5 x four random rates each.
std::vector<InputColumn> flip_inputs(std::vector<bool>& better, bool invert) {
  InputColumn pickup{"pickup", true, {"fifo", "quota", "priority"}, {}};
  InputColumn patience{"patience", false, {}, {}}, rate{"rate", false, {}, {}};
  std::mt19937_64 rng(8);
  better.clear();
  for (int k = 0; k < 3; ++k) {
    for (int j = 0; j < 9; ++j) {
      for (int r = 0; r < 4; ++r) {
        pickup.values.push_back(k);
        patience.values.push_back(1 + 0.5 * j);
        rate.values.push_back(unit_from_bits(rng()));
        const bool region = k == 1 && patience.values.back() > 3;
        better.push_back(invert ? region : !region);
      }
    }
  }
  return {pickup, patience, rate};
}

TEST(SensitivityFlipRule, FindsQuotaAndPatience) {
  std::vector<bool> better;
  const auto inputs = flip_inputs(better, false);
  const FlipRule rule = flip_rule(inputs, better);
  EXPECT_TRUE(rule.flips);
  EXPECT_TRUE(rule.describes_worse);
  ASSERT_EQ(rule.conditions.size(), 2u);
  EXPECT_EQ(rule.conditions[0].input, 0u);
  EXPECT_EQ(rule.conditions[0].codes, std::vector<std::size_t>{1});
  EXPECT_EQ(rule.conditions[1].input, 1u);
  EXPECT_TRUE(rule.conditions[1].above);
  EXPECT_GT(rule.conditions[1].threshold, 3);
  EXPECT_LT(rule.conditions[1].threshold, 3.5);
  EXPECT_EQ(rule.accuracy, 1);
  EXPECT_EQ(rule.covered, 16u);
  EXPECT_EQ(rule.text, "worse only when pickup is quota and patience > 3.25");

  // one condition cannot say it: the best single one is right short of every point
  const FlipRule one = flip_rule(inputs, better, 1);
  ASSERT_EQ(one.conditions.size(), 1u);
  EXPECT_LT(one.accuracy, 1);
  EXPECT_NE(one.text.find("mainly when"), std::string::npos);
}

TEST(SensitivityFlipRule, MostlyWorseDescribesWhereBetterAndAllAgree) {
  std::vector<bool> better;
  const auto inputs = flip_inputs(better, true);
  const FlipRule rule = flip_rule(inputs, better);
  EXPECT_FALSE(rule.describes_worse);
  EXPECT_EQ(rule.text, "better only when pickup is quota and patience > 3.25");

  const FlipRule none = flip_rule(inputs, std::vector<bool>(better.size(), true));
  EXPECT_FALSE(none.flips);
  EXPECT_TRUE(none.conditions.empty());
  EXPECT_EQ(none.accuracy, 1);
  EXPECT_THROW(flip_rule(inputs, {true, false}), std::invalid_argument);
}

TEST(SensitivityFlipRule, NoRuleBeatsTheMajority) {
  // a single worse point among identical inputs: no condition can isolate it
  InputColumn x{"x", false, {}, std::vector<double>(10, 1.0)};
  std::vector<bool> better(10, true);
  better[3] = false;
  const FlipRule rule = flip_rule({x}, better);
  EXPECT_TRUE(rule.flips);
  EXPECT_TRUE(rule.conditions.empty());
  EXPECT_DOUBLE_EQ(rule.accuracy, 0.9);
}

// --- MSER-5 -----------------------------------------------------------------------------------

TEST(WarmupMser5, TransientIsCutNearItsEnd) {
  Normal z(41);
  std::vector<double> y;
  for (int t = 0; t < 1000; ++t) y.push_back(10 + 8 * std::exp(-t / 40.0) + z());
  const WarmupSuggestion w = mser5(y);
  // 8 e^{-t/40} falls under the noise's sd at t = 83 and under a tenth of it at t = 175
  EXPECT_GE(w.truncate, 60u) << w.why;
  EXPECT_LE(w.truncate, 300u) << w.why;
  EXPECT_EQ(w.truncate % 5, 0u);
  EXPECT_TRUE(w.steady) << w.why;
}

TEST(WarmupMser5, GrowingSeriesIsNotSteady) {
  Normal z(42);
  std::vector<double> y;
  for (int t = 0; t < 1000; ++t) y.push_back(10 + 0.01 * t + z());
  const WarmupSuggestion w = mser5(y);
  EXPECT_FALSE(w.steady) << w.why;
  EXPECT_NEAR(w.slope_per_obs, 0.01, 0.005);
}

TEST(WarmupMser5, StationaryAr1IsSteadyWithLittleWarmup) {
  Normal z(43);
  const double phi = 0.7, sd = 1 / std::sqrt(1 - phi * phi);
  std::vector<double> y;
  double x = sd * z();  // start in the stationary distribution
  for (int t = 0; t < 2000; ++t) {
    y.push_back(5 + x);
    x = phi * x + z();
  }
  const WarmupSuggestion w = mser5(y);
  EXPECT_TRUE(w.steady) << w.why;
  EXPECT_LE(w.truncate, 200u) << w.why;
}

TEST(WarmupMser5, ShortConstantAndNaN) {
  EXPECT_FALSE(mser5(std::vector<double>(19, 1.0)).steady);
  const WarmupSuggestion flat = mser5(std::vector<double>(100, 2.0));
  EXPECT_TRUE(flat.steady);
  EXPECT_EQ(flat.truncate, 0u);
  std::vector<double> y(100, 1.0);
  y[50] = std::nan("");
  EXPECT_FALSE(mser5(y).steady);
}

}  // namespace
