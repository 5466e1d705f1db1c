// The statistical core of `bordersim optimise`: Erlang C, the greedy search with common random
// numbers, and the feasibility check of the selection. A synthetic evaluator stands in for the
// simulation: the true value of a target is known (an Erlang C probability, a constant), and its
// noise is keyed on (seed, replication, target), so every plan sees the same noise on the same
// replication, as common random numbers give.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "studies/design.hpp"
#include "studies/optimise.hpp"
#include "studies/selection.hpp"

namespace {

using namespace studies;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A standard normal deviate fixed by (seed, replication, target): Box-Muller from the engine's
// bits, the same on every machine.
double noise(std::uint64_t seed, int replication, std::size_t target) {
  std::mt19937_64 rng(seed * 0x9E3779B97F4A7C15ULL + static_cast<std::uint64_t>(replication) * 64 +
                      target);
  const double u1 = 1 - unit_from_bits(rng()), u2 = unit_from_bits(rng());
  return std::sqrt(-2 * std::log(u1)) * std::cos(2 * std::numbers::pi * u2);
}

// --- Erlang C ----------------------------------------------------------------------------------

TEST(OptimiseErlang, TextbookValues) {
  EXPECT_NEAR(erlang_c(2, 1.0), 1.0 / 3, 1e-14);
  EXPECT_NEAR(erlang_c(3, 2.0), 4.0 / 9, 1e-14);
  for (double a : {0.1, 0.5, 0.9}) EXPECT_NEAR(erlang_c(1, a), a, 1e-14);  // M/M/1: rho
  // c = 5, a = 4: 0.5541 (the direct sum, 50 digits: 0.554112554112554...).
  EXPECT_NEAR(erlang_c(5, 4.0), 0.5541125541125541, 1e-13);
  EXPECT_NEAR(erlang_c(11, 10.0), 0.6821182046893324, 1e-13);
  EXPECT_EQ(erlang_c(3, 3.0), 1.0);
  EXPECT_EQ(erlang_c(3, 7.5), 1.0);
  EXPECT_EQ(erlang_c(0, 0.0), 1.0);
  EXPECT_EQ(erlang_c(4, 0.0), 0.0);
  EXPECT_THROW(erlang_c(-1, 1.0), std::invalid_argument);
  EXPECT_THROW(erlang_c(2, kNaN), std::invalid_argument);
  // Mean wait in queue (service mean 1): M/M/1 at rho 0.5 waits 1; M/M/2 at a = 1 waits 1/3.
  EXPECT_NEAR(erlang_c_mean_wait(1, 0.5, 1.0), 1.0, 1e-14);
  EXPECT_NEAR(erlang_c_mean_wait(2, 1.0, 60.0), 20.0, 1e-12);
  EXPECT_TRUE(std::isinf(erlang_c_mean_wait(4, 4.0, 1.0)));
  EXPECT_EQ(erlang_c_mean_wait(4, 0.0, 1.0), 0.0);
}

TEST(OptimiseErlang, MonotoneAndStableForLargeC) {
  for (double a : {0.7, 4.0, 37.5, 950.0}) {
    double prev = 1;
    for (int c = static_cast<int>(a) + 1; c < static_cast<int>(a) + 60; ++c) {
      const double p = erlang_c(c, a);
      EXPECT_LT(p, prev) << "c " << c << " a " << a;
      EXPECT_GT(p, 0.0);
      prev = p;
    }
  }
  // c = 10000, a = 9800: 0.0261677996 (the direct sum in 50-digit arithmetic); a factorial or a
  // power of a would overflow long before.
  EXPECT_NEAR(erlang_c(10000, 9800.0), 0.02616779959022297, 1e-12);
  EXPECT_TRUE(std::isfinite(erlang_c(10000, 9999.5)));
  EXPECT_EQ(servers_for_wait_probability(9800.0, 0.02616779959022297 + 1e-12, 20000), 10000);
}

TEST(OptimiseErlang, ServersForTargets) {
  // a = 4: C(6) = 0.285, C(7) = 0.135, C(8) = 0.059.
  EXPECT_EQ(servers_for_wait_probability(4.0, 0.2, 100), 7);
  EXPECT_EQ(servers_for_wait_probability(4.0, 0.135, 100), 8);
  EXPECT_EQ(servers_for_wait_probability(4.0, 1.0, 100), 0);  // c = 0 gives 1 <= 1
  EXPECT_EQ(servers_for_wait_probability(4.0, 0.2, 6), 6);    // none within the bound
  EXPECT_EQ(servers_for_wait_probability(0.0, 0.2, 100), 0);
  // Mean waits (service 1): c = 7 waits 0.045, c = 8 0.0148, c = 9 0.00475.
  EXPECT_EQ(servers_for_mean_wait(4.0, 1.0, 0.1, 100), 7);
  EXPECT_EQ(servers_for_mean_wait(4.0, 1.0, 0.01, 100), 9);
  EXPECT_EQ(servers_for_mean_wait(4.0, 1.0, 0.01, 8), 8);
  EXPECT_EQ(servers_for_mean_wait(0.0, 1.0, 0.01, 8), 0);
}

// --- the search --------------------------------------------------------------------------------

// Four hour blocks, each with its own load; target b: P(wait in block b) <= 0.2, observed as the
// block's Erlang C value plus normal noise (sd 0.02). The loads are chosen so that the Erlang
// answer c* meets the target with room (C(c*) <= 0.154) and c* - 1 misses it clearly (>= 0.28).
struct Blocks {
  std::vector<double> load{1.75, 4.0, 6.5, 2.5};  // c* = 4, 7, 10, 5
  double sd = 0.02;
  std::uint64_t seed = 1;
  std::vector<int> calls;  // plans per call
  std::vector<int> firsts, sizes;

  std::vector<Observations> operator()(const std::vector<std::vector<int>>& plans, int first,
                                       int n) {
    calls.push_back(static_cast<int>(plans.size()));
    firsts.push_back(first);
    sizes.push_back(n);
    std::vector<Observations> out;
    for (const auto& p : plans) {
      Observations o(load.size());
      for (std::size_t b = 0; b < load.size(); ++b)
        for (int r = first; r < first + n; ++r)
          o[b].push_back(erlang_c(p[b], load[b]) + sd * noise(seed, r, b));
      out.push_back(std::move(o));
    }
    return out;
  }
  std::vector<int> erlang(double p = 0.2) const {
    std::vector<int> c;
    for (double a : load) c.push_back(servers_for_wait_probability(a, p, 100));
    return c;
  }
};

std::vector<Lever> block_levers(int high = 20) {
  std::vector<Lever> l;
  const double cost[] = {24, 24, 24, 36};  // 4-hour blocks and a 6-hour one, at 6 USD/h
  for (int b = 0; b < 4; ++b) l.push_back({"customs block " + std::to_string(b), 0, high, cost[b]});
  return l;
}

std::vector<Target> block_targets() {
  std::vector<Target> t;
  for (int b = 0; b < 4; ++b)
    t.push_back({"P(wait in block " + std::to_string(b) + ") <= 0.2", Sense::AtMost, 0.2, 0.02});
  return t;
}

double cost_of(const std::vector<Lever>& levers, const std::vector<int>& plan) {
  double c = 0;
  for (std::size_t i = 0; i < plan.size(); ++i) c += plan[i] * levers[i].unit_cost;
  return c;
}

void expect_distinct_plans(const OptimiseResult& r) {
  std::set<std::vector<int>> seen;
  for (const Candidate& c : r.history) EXPECT_TRUE(seen.insert(c.plan).second) << "evaluated twice";
}

TEST(OptimiseSearch, FindsTheErlangAnswerPerBlock) {
  Blocks blocks;
  const std::vector<int> best = blocks.erlang();
  ASSERT_EQ(best, (std::vector<int>{4, 7, 10, 5}));
  std::vector<int> seed = best;
  for (int& c : seed) c -= 2;
  const auto levers = block_levers();
  const OptimiseResult r = optimise(levers, block_targets(), seed, std::ref(blocks), {});
  EXPECT_TRUE(r.feasible) << r.guarantee;
  EXPECT_EQ(r.chosen.plan, best);
  EXPECT_DOUBLE_EQ(r.chosen.cost, cost_of(levers, best));
  EXPECT_EQ(r.chosen.cost, 4 * 24 + 7 * 24 + 10 * 24 + 5 * 36);
  // Two additions per block from c* - 2, then one removal step that finds nothing to remove,
  // then the plan's +1 neighbours as the selection's spare finalists (one feasible plan seen).
  EXPECT_EQ(r.history.front().phase, "seed");
  EXPECT_EQ(r.history.back().phase, "spare");
  EXPECT_EQ(std::count_if(r.history.begin(), r.history.end(),
                          [](const Candidate& c) { return c.phase == "spare"; }),
            4);
  expect_distinct_plans(r);
  // The search's calls: the seed alone, then every neighbour of a step in one call, all on
  // replications [0, 10); the selection on new replications from 32768.
  EXPECT_EQ(blocks.calls[0], 1);
  EXPECT_EQ(blocks.calls[1], 4);
  std::size_t i = 0;
  for (; i < blocks.firsts.size() && blocks.firsts[i] == 0; ++i) EXPECT_EQ(blocks.sizes[i], 10);
  ASSERT_LT(i, blocks.firsts.size());
  EXPECT_EQ(blocks.firsts[i], 32768);
  EXPECT_EQ(blocks.sizes[i], 10);  // the first stage, n0
  for (std::size_t j = i + 1; j < blocks.firsts.size(); ++j) EXPECT_EQ(blocks.sizes[j], 4);
  // The finalists: the optimum first, declared feasible on every target.
  ASSERT_FALSE(r.finalists.empty());
  EXPECT_EQ(r.finalists[0].candidate.plan, best);
  EXPECT_EQ(r.finalists[0].decision, (std::vector<int>{1, 1, 1, 1}));
  for (std::size_t f = 1; f < r.finalists.size(); ++f)
    EXPECT_GE(r.finalists[f].candidate.cost, r.finalists[f - 1].candidate.cost);
  EXPECT_NE(r.guarantee.find("With probability at least 95 %"), std::string::npos) << r.guarantee;
  int sims = 0;
  for (std::size_t c = 0; c < blocks.calls.size(); ++c) sims += blocks.calls[c] * blocks.sizes[c];
  EXPECT_EQ(r.replications, sims);
  EXPECT_GT(r.selection_eta, 0);
  EXPECT_DOUBLE_EQ(r.selection_h2, 2 * r.selection_eta * 9);
}

TEST(OptimiseSearch, RemovesWhatATooGenerousSeedDoesNotNeed) {
  Blocks blocks;
  blocks.seed = 7;
  const std::vector<int> best = blocks.erlang();
  std::vector<int> seed = best;
  for (int& c : seed) c += 2;
  const OptimiseResult r = optimise(block_levers(), block_targets(), seed, std::ref(blocks), {});
  EXPECT_TRUE(r.feasible) << r.guarantee;
  EXPECT_EQ(r.chosen.plan, best);
  EXPECT_EQ(r.history.size(), 1 + 8 * 4 + 4u);  // the seed, 8 removals of 4 neighbours, the last
  EXPECT_EQ(r.history[1].phase, "remove");
  // The first removal takes the 36 USD officer of block 3, the one saving most.
  std::vector<int> first = seed;
  first[3] -= 1;
  EXPECT_EQ(r.history[4].plan, first);
  expect_distinct_plans(r);
}

TEST(OptimiseSearch, NamesTheTargetThatCannotBeMet) {
  Blocks blocks;
  blocks.seed = 3;
  const std::vector<int> best = blocks.erlang();
  auto levers = block_levers(12);
  levers[2].high = best[2] - 1;  // block 2 can never get enough officers
  const OptimiseResult r = optimise(levers, block_targets(), blocks.erlang(), std::ref(blocks), {});
  EXPECT_FALSE(r.feasible);
  EXPECT_TRUE(r.finalists.empty());
  EXPECT_FALSE(r.budget_exhausted);
  EXPECT_EQ(r.unmet_target, "P(wait in block 2) <= 0.2");
  double best_mean = 1;
  for (const Candidate& c : r.history) best_mean = std::min(best_mean, c.targets[2].mean);
  EXPECT_DOUBLE_EQ(r.unmet_best, best_mean);
  // The best is at the high bound, C(9, 6.5) = 0.281, up to the mean of 10 noises (sd 0.0063).
  EXPECT_NEAR(r.unmet_best, erlang_c(levers[2].high, 6.5), 0.02);
  EXPECT_EQ(r.chosen.plan[2], levers[2].high);
  EXPECT_NE(r.guarantee.find("No guarantee"), std::string::npos) << r.guarantee;
  expect_distinct_plans(r);
}

TEST(OptimiseSearch, KeepsToItsBudget) {
  Blocks blocks;
  std::vector<int> seed = blocks.erlang();
  for (int& c : seed) c -= 2;
  OptimiseOptions o;
  o.max_evaluations = 7;  // the seed and one step of 4; the next step would need 4 more
  const OptimiseResult r = optimise(block_levers(), block_targets(), seed, std::ref(blocks), o);
  EXPECT_TRUE(r.budget_exhausted);
  EXPECT_EQ(r.history.size(), 5u);
  EXPECT_EQ(r.evaluations, 5);
  EXPECT_FALSE(r.feasible);
  EXPECT_NE(r.guarantee.find("budget"), std::string::npos) << r.guarantee;
  o.max_evaluations = 0;
  const OptimiseResult none = optimise(block_levers(), block_targets(), seed, std::ref(blocks), o);
  EXPECT_TRUE(none.history.empty());
  EXPECT_EQ(none.chosen.plan, seed);
}

TEST(OptimiseSearch, RefusesBadInput) {
  Blocks blocks;
  const auto levers = block_levers();
  const auto targets = block_targets();
  EXPECT_THROW(optimise(levers, targets, {1, 2}, std::ref(blocks), {}), std::invalid_argument);
  auto bad_levers = levers;
  bad_levers[1].low = 30;
  EXPECT_THROW(optimise(bad_levers, targets, {1, 2, 3, 4}, std::ref(blocks), {}),
               std::invalid_argument);
  auto bad_targets = targets;
  bad_targets[0].tolerance = 0;
  EXPECT_THROW(optimise(levers, bad_targets, {1, 2, 3, 4}, std::ref(blocks), {}),
               std::invalid_argument);
  OptimiseOptions o;
  o.replications = 1;
  EXPECT_THROW(optimise(levers, targets, {1, 2, 3, 4}, std::ref(blocks), o), std::invalid_argument);
}

// --- missing values ----------------------------------------------------------------------------

TEST(OptimiseMissing, CountAsTheWorstValueOrTheToleranceEdge) {
  const Target at_most{"p95 <= 2", Sense::AtMost, 2.0, 0.25};
  const Target at_least{"share >= 0.9", Sense::AtLeast, 0.9, 0.02};
  EXPECT_EQ(complete_missing(at_most, {1.0, kNaN, 1.5}), (std::vector<double>{1, 2.25, 1.5}));
  EXPECT_EQ(complete_missing(at_most, {1.0, kNaN, 3.5}), (std::vector<double>{1, 3.5, 3.5}));
  EXPECT_EQ(complete_missing(at_least, {kNaN, 0.95}), (std::vector<double>{0.88, 0.95}));
  EXPECT_EQ(complete_missing(at_least, {kNaN, 0.5}), (std::vector<double>{0.5, 0.5}));
  EXPECT_EQ(complete_missing(at_most, {kNaN, kNaN}), (std::vector<double>{2.25, 2.25}));
  // A plan whose metric is absent in 2 replications of 10 is not feasible on its search CI
  // (the two count as 2.25), though its 8 values sit near 1.81, well inside 2.
  auto eval = [](const std::vector<std::vector<int>>& plans, int first, int n) {
    std::vector<Observations> out;
    for (const auto& p : plans) {
      Observations o(1);
      for (int r = first; r < first + n; ++r)
        o[0].push_back(p[0] == 0 && (r == 4 || r == 7) ? kNaN : 1.8 + 0.01 * (r % 3));
      out.push_back(o);
    }
    return out;
  };
  const OptimiseResult r = optimise({{"x", 0, 5, 1}}, {at_most}, {0}, eval, {});
  EXPECT_EQ(r.history[0].targets[0].missing, 2);
  EXPECT_GT(r.history[0].targets[0].high, 2.0);
  EXPECT_FALSE(r.history[0].feasible);
  EXPECT_TRUE(r.feasible) << r.guarantee;
  EXPECT_EQ(r.chosen.plan, std::vector<int>{1});
  EXPECT_EQ(r.chosen.targets[0].missing, 0);
}

// --- the selection: Andradottir & Kim's feasibility check --------------------------------------

TEST(OptimiseSelection, EtaIsKimNelsonsConstantAtCEqualsOne) {
  // The authors' published value for n0 = 20 and two checks at 95 % (beta = 1 - sqrt(0.95)).
  EXPECT_NEAR(fcp_eta(20, 1 - std::sqrt(0.95)), 0.1844, 5e-5);
  // KN (2001): eta = ((2 alpha / (k - 1))^(-2 / (n0 - 1)) - 1) / 2, here k = 20, n0 = 20.
  EXPECT_NEAR(fcp_eta(20, 0.05 / 19), 0.5 * (std::pow(0.1 / 19, -2.0 / 19) - 1), 1e-15);
  EXPECT_THROW(fcp_eta(1, 0.05), std::invalid_argument);
}

// Feeds a check normal values with mean mu, sd 1, until it decides (or `max` values).
int check_once(const Target& t, double mu, std::uint64_t seed, int n0, double beta, int max) {
  FeasibilityCheck c(t, n0, fcp_eta(n0, beta));
  for (int r = 0; r < max && c.decision() == 0; ++r) c.add(mu + noise(seed, r, 0));
  return c.decision();
}

TEST(OptimiseSelection, DecidesClearCases) {
  const Target t{"x <= 0", Sense::AtMost, 0.0, 0.25};
  EXPECT_EQ(check_once(t, -1.0, 1, 10, 0.05, 10'000), +1);  // well inside
  EXPECT_EQ(check_once(t, +1.0, 2, 10, 0.05, 10'000), -1);  // beyond threshold + tolerance
  const Target ge{"x >= 0", Sense::AtLeast, 0.0, 0.25};
  EXPECT_EQ(check_once(ge, +1.0, 3, 10, 0.05, 10'000), +1);
  EXPECT_EQ(check_once(ge, -1.0, 4, 10, 0.05, 10'000), -1);
  // The triangle closes by h^2 S^2 / eps^2 values: a mean on the threshold is decided too.
  FeasibilityCheck c(t, 10, fcp_eta(10, 0.05));
  int n = 0;
  while (c.decision() == 0) c.add(noise(5, n++, 0));
  EXPECT_LE(n, std::ceil(2 * fcp_eta(10, 0.05) * 9 * c.variance() / (0.25 * 0.25)) + 1);
}

// Over 200 independent repetitions at the edge of the indifference zone (the mean exactly a
// tolerance inside the threshold), the check may call the target infeasible with probability at
// most beta = 0.05: at most 0.05 + 2.33 sd of a binomial(200, 0.05) rate, 17 of 200 (these seeds
// give 11 and 13; over 20000 repetitions the rate is 0.042 and 0.046). A constant too small, eta
// computed for beta = 0.2, gives 32 and 43 of 200 with the same seeds.
TEST(OptimiseSelection, WrongDecisionsAtTheEdgeStayWithinAlpha) {
  for (Sense sense : {Sense::AtMost, Sense::AtLeast}) {
    const double q = 1.0, eps = 0.2, edge = sense == Sense::AtMost ? q - eps : q + eps;
    const Target t{"t", sense, q, eps};
    int wrong = 0, undecided = 0;
    for (std::uint64_t rep = 0; rep < 200; ++rep) {
      const int d = check_once(t, edge, 1000 + rep, 10, 0.05, 1000);
      wrong += d == -1;
      undecided += d == 0;
    }
    EXPECT_LE(wrong, 17) << (sense == Sense::AtMost ? "<=" : ">=");
    EXPECT_EQ(undecided, 0);
    // A mean a tolerance beyond: wrongly feasible as rarely.
    const double beyond = sense == Sense::AtMost ? q + eps : q - eps;
    wrong = 0;
    for (std::uint64_t rep = 0; rep < 200; ++rep)
      wrong += check_once(t, beyond, 5000 + rep, 10, 0.05, 1000) == +1;
    EXPECT_LE(wrong, 17);
  }
}

// The same through optimise: one plan, one target; the search's replications show it well
// inside, the selection's (from 32768) sit exactly at threshold - tolerance. With one finalist
// and one target the check gets all of alpha.
TEST(OptimiseSelection, ThroughOptimiseAtTheEdge) {
  const Target t{"wait <= 1", Sense::AtMost, 1.0, 0.1};
  int wrong = 0, feasible = 0;
  for (std::uint64_t rep = 0; rep < 200; ++rep) {
    auto eval = [rep](const std::vector<std::vector<int>>& plans, int first, int n) {
      std::vector<Observations> out;
      for (std::size_t p = 0; p < plans.size(); ++p) {
        Observations o(1);
        for (int r = first; r < first + n; ++r)
          o[0].push_back((first < 32768 ? 0.2 : 0.9) + 0.3 * noise(rep, r, 0));
        out.push_back(o);
      }
      return out;
    };
    OptimiseOptions o;
    o.max_selection_replications = 1000;
    const OptimiseResult r = optimise({{"x", 2, 2, 1}}, {t}, {2}, eval, o);
    ASSERT_EQ(r.finalists.size(), 1u);
    EXPECT_DOUBLE_EQ(r.selection_beta, 0.05);
    wrong += r.finalists[0].decision[0] == -1;
    feasible += r.feasible;
  }
  EXPECT_LE(wrong, 17);
  EXPECT_EQ(feasible + wrong, 200);
}

TEST(OptimiseSelection, AFinalistBeyondItsTargetIsDeclaredInfeasible) {
  // The search sees 0.5 (well inside), the selection 1.3 (beyond 1 + 0.1).
  auto eval = [](const std::vector<std::vector<int>>& plans, int first, int n) {
    std::vector<Observations> out;
    for (std::size_t p = 0; p < plans.size(); ++p) {
      Observations o(1);
      for (int r = first; r < first + n; ++r)
        o[0].push_back((first < 32768 ? 0.5 : 1.3) + 0.3 * noise(9, r, 0));
      out.push_back(o);
    }
    return out;
  };
  const Target t{"wait <= 1", Sense::AtMost, 1.0, 0.1};
  const OptimiseResult r = optimise({{"x", 2, 2, 1}}, {t}, {2}, eval, {});
  ASSERT_EQ(r.finalists.size(), 1u);
  EXPECT_EQ(r.finalists[0].decision, std::vector<int>{-1});
  EXPECT_FALSE(r.feasible);
  EXPECT_EQ(r.unmet_target, "wait <= 1");
  EXPECT_NEAR(r.unmet_best, 0.5, 0.2);  // the search's estimate
  EXPECT_NE(r.guarantee.find("No plan is guaranteed"), std::string::npos) << r.guarantee;
}

// Three finalists: the search sees every plan well inside, so from x = 3 it removes down to the
// low bound 1 and carries x = 1, 2, 3. On new replications x = 1 misses its target, x = 2 sits a
// tolerance inside, x = 3 well inside: x = 2 is chosen, with alpha split three ways.
TEST(OptimiseSelection, ChoosesTheCheapestFinalistDeclaredFeasible) {
  std::vector<int> plans_per_call, firsts, sizes;
  auto eval = [&](const std::vector<std::vector<int>>& plans, int first, int n) {
    plans_per_call.push_back(static_cast<int>(plans.size()));
    firsts.push_back(first);
    sizes.push_back(n);
    std::vector<Observations> out;
    for (const auto& p : plans) {
      const double mean = first < 32768 ? 0.3 : (p[0] == 1 ? 1.3 : p[0] == 2 ? 0.85 : 0.5);
      Observations o(1);
      for (int r = first; r < first + n; ++r) o[0].push_back(mean + 0.2 * noise(11, r, 0));
      out.push_back(o);
    }
    return out;
  };
  const Target t{"wait <= 1", Sense::AtMost, 1.0, 0.1};
  OptimiseOptions o;
  o.batch = 3;
  const OptimiseResult r = optimise({{"x", 1, 5, 10}}, {t}, {3}, eval, o);
  ASSERT_EQ(r.finalists.size(), 3u);
  EXPECT_EQ(r.finalists[0].candidate.plan, std::vector<int>{1});
  EXPECT_EQ(r.finalists[0].decision, std::vector<int>{-1});
  EXPECT_EQ(r.finalists[1].decision, std::vector<int>{+1});
  EXPECT_EQ(r.finalists[2].decision, std::vector<int>{+1});
  EXPECT_TRUE(r.feasible);
  EXPECT_EQ(r.chosen.plan, std::vector<int>{2});
  EXPECT_DOUBLE_EQ(r.chosen.cost, 20);
  EXPECT_DOUBLE_EQ(r.selection_beta, 0.05 / 3);
  // The selection: the three finalists' first stage in one call, then rounds of 3 for those
  // still open; each finalist's replications are n0 plus whole rounds.
  std::size_t i = 0;
  while (firsts[i] == 0) ++i;
  EXPECT_EQ(plans_per_call[i], 3);
  EXPECT_EQ(sizes[i], 10);
  for (std::size_t j = i + 1; j < sizes.size(); ++j) {
    EXPECT_EQ(sizes[j], 3);
    EXPECT_EQ(firsts[j], firsts[j - 1] + sizes[j - 1]);
  }
  for (const Finalist& f : r.finalists) EXPECT_EQ((f.replications - 10) % 3, 0);
  int evaluations = 0, replications = 0;
  for (std::size_t j = 0; j < sizes.size(); ++j) {
    evaluations += plans_per_call[j];
    replications += plans_per_call[j] * sizes[j];
  }
  EXPECT_EQ(r.evaluations, evaluations);
  EXPECT_EQ(r.replications, replications);
  EXPECT_EQ(r.history.size(), 3u);  // x = 3, 2, 1: the search's evaluations
}

TEST(OptimiseSelection, RefusesAnAnswerOfTheWrongShape) {
  auto short_answer = [](const std::vector<std::vector<int>>& plans, int, int n) {
    return std::vector<Observations>(plans.size(), Observations(1, std::vector<double>(n - 1)));
  };
  const Target t{"wait <= 1", Sense::AtMost, 1.0, 0.1};
  EXPECT_THROW(optimise({{"x", 1, 5, 10}}, {t}, {3}, short_answer, {}), std::invalid_argument);
}

}  // namespace
