// `uncertain:` inputs, `explore` and `--precision` through the scenario format, against theory:
// the Sobol' indices of an M/M/1 queue's mean wait over its uncertain arrival rate and service
// time (computed from the closed form by quadrature), designs that do not depend on the thread
// count, alternatives through `extends`, and precision that reaches its half-width on M/M/2.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "app/commands.hpp"
#include "models/loader.hpp"
#include "sim/validation.hpp"

namespace {

namespace fs = std::filesystem;

// One desk of `servers` servers with exponential service of mean `service`, Poisson arrivals at
// `rate`, on a trivial far side; `uncertain` appended.
std::string queue(const std::string& servers, const std::string& service, const std::string& rate,
                  const std::string& horizon, const std::string& uncertain) {
  return "name: mm\nstart: 2025-01-06 00:00\nhorizon: " + horizon +
         "\nwarmup: 5d\nseed: 7\nreplications: 4\n"
         "cargo:\n  general: {value: 1USD}\n"
         "gate_sides:\n"
         "  a:\n    country: VN\n    time_zone: UTC+7\n"
         "    stages:\n      - {id: desk, servers: " +
         servers + ", service: {dist: exponential, mean: " + service +
         "}}\n"
         "  b:\n    country: CN\n    time_zone: UTC+8\n"
         "    stages:\n      - {id: gate, servers: 1000, service: 1s}\n"
         "crossings:\n  x:\n    sides: [a, b]\n    bridge: 0s\n"
         "flows:\n  f:\n    direction: export\n    cargo_mix: {general: 1}\n"
         "    route: [{crossing: x}]\n    arrivals: {rate: " +
         rate + "}\n" + uncertain;
}

const char* kMm1Inputs =
    "uncertain:\n"
    "  arrivals: {key: flows.f.arrivals.rate, low: 4.8/day, high: 9.6/day, why: test}\n"
    "  service: {key: gate_sides.a.stages.desk.service.mean, low: 54min, high: 66min, why: test}\n"
    "  value: {key: cargo.general.value, low: 1USD, high: 100USD, why: enters no wait}\n";

// Wq of M/M/1 in minutes: lambda per hour, s hours.
double wq_min(double lambda, double s) {
  return 60 * lambda * s * s / (1 - lambda * s);
}

// First-order and total Sobol' indices of Wq over lambda ~ U[0.2, 0.4] / h and s ~ U[0.9, 1.1] h,
// by the midpoint rule on a fine grid.
struct Analytic {
  double first[2], total[2];
};
Analytic mm1_indices() {
  const int n = 400;
  std::vector<double> w(n * n);
  double mean = 0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      const double l = 0.2 + 0.2 * (i + 0.5) / n, s = 0.9 + 0.2 * (j + 0.5) / n;
      w[i * n + j] = wq_min(l, s);
      mean += w[i * n + j];
    }
  mean /= n * n;
  double var = 0;
  for (double x : w) var += (x - mean) * (x - mean);
  var /= n * n;
  // Var of the conditional means, and the mean of the conditional variances, per input.
  double v_cond[2] = {0, 0}, e_var[2] = {0, 0};
  for (int k = 0; k < 2; ++k)
    for (int a = 0; a < n; ++a) {
      double m = 0, m2 = 0;
      for (int b = 0; b < n; ++b) {
        const double x = k == 0 ? w[a * n + b] : w[b * n + a];
        m += x;
        m2 += x * x;
      }
      m /= n;
      m2 /= n;
      v_cond[k] += (m - mean) * (m - mean) / n;
      e_var[1 - k] += (m2 - m * m) / n;  // fixing input k leaves the other's variance
    }
  Analytic a;
  for (int k = 0; k < 2; ++k) {
    a.first[k] = v_cond[k] / var;
    a.total[k] = e_var[k] / var;
  }
  return a;
}

const studies::Estimate* index_of(const app::ExploreOutcome& r, const std::string& input,
                                  const std::string& measure) {
  for (const studies::SensitivityRow& s : r.analysis.sensitivity)
    if (s.scenario == "mm" && s.key.label == "f@a.desk" && s.input == input && s.measure == measure)
      return &s.estimate;
  return nullptr;
}

// A result file of its own per test: the suite's shards run in parallel.
app::RunOptions options(unsigned threads) {
  app::RunOptions o;
  o.threads = threads;
  const auto* t = ::testing::UnitTest::GetInstance()->current_test_info();
  o.out = (fs::temp_directory_path() /
           (std::string("bordersim_explore_") + t->test_suite_name() + "_" + t->name() + ".h5"))
              .string();
  o.force = true;
  return o;
}

TEST(Explore, SobolIndicesOfAnMm1WaitMatchTheClosedForm) {
  const Analytic want = mm1_indices();
  app::ExploreOptions e;
  e.design = "sobol";
  e.points = 256;
  e.metrics = {"stage_wait_mean[f@a.desk]"};
  const app::ExploreOutcome r = app::explore(
      {app::ScenarioSource::yaml(queue("1", "1h", "12/day", "400d", kMm1Inputs), "mm.yaml")}, e,
      [] {
        app::RunOptions o = options(2);
        o.replications = 2;
        return o;
      }());
  ASSERT_EQ(r.design.points(), 256u * 5);
  // The CIs come from 256 base rows; each point's wait is itself an estimate (a few per cent),
  // whose noise shifts the indices by about as much again: the margin allows for it.
  const double margin = 0.04;
  const char* names[2] = {"arrivals", "service"};
  for (int k = 0; k < 2; ++k)
    for (const char* m : {"first", "total"}) {
      const studies::Estimate* got = index_of(r, names[k], m);
      ASSERT_NE(got, nullptr) << names[k] << " " << m;
      const double theory = std::string(m) == "first" ? want.first[k] : want.total[k];
      EXPECT_GE(theory, got->low - margin) << names[k] << " " << m << " " << got->value;
      EXPECT_LE(theory, got->high + margin) << names[k] << " " << m << " " << got->value;
      EXPECT_LT(got->high - got->low, 0.3) << "a CI too wide to catch anything";
    }
  // The arrival rate (a factor of 2) matters more than the service time (+-10 %).
  EXPECT_GT(index_of(r, "arrivals", "first")->value, index_of(r, "service", "total")->value);
  // The value of the cargo enters no wait: its indices' CIs hold 0.
  for (const char* m : {"first", "total"}) {
    const studies::Estimate* dummy = index_of(r, "value", m);
    ASSERT_NE(dummy, nullptr);
    EXPECT_LE(dummy->low, 0.01) << m;
    EXPECT_GE(dummy->high, -0.01) << m;
    EXPECT_LT(std::fabs(dummy->value), 0.05) << m;
  }
}

TEST(Explore, TheDesignAndItsResultsDoNotDependOnTheThreads) {
  app::ExploreOptions e;
  e.points = 6;
  auto once = [&](unsigned threads) {
    app::RunOptions o = options(threads);
    o.horizon = "30d";
    return app::explore(
        {app::ScenarioSource::yaml(queue("1", "1h", "12/day", "30d", kMm1Inputs), "mm.yaml")}, e,
        o);
  };
  const app::ExploreOutcome one = once(1), two = once(2);
  ASSERT_EQ(one.design.points(), 6u);
  EXPECT_EQ(one.design.text, two.design.text);
  EXPECT_EQ(one.design.unit.points, two.design.unit.points);
  ASSERT_EQ(one.summaries.size(), two.summaries.size());
  for (std::size_t p = 0; p < one.summaries.size(); ++p)
    for (std::size_t i = 0; i < one.summaries[p][0].size(); ++i)
      EXPECT_EQ(one.summaries[p][0][i].ci.mean, two.summaries[p][0][i].ci.mean);
  // Another seed, another design.
  app::RunOptions o = options(2);
  o.seed = "8";
  o.horizon = "30d";
  const app::ExploreOutcome other = app::explore(
      {app::ScenarioSource::yaml(queue("1", "1h", "12/day", "30d", kMm1Inputs), "mm.yaml")}, e, o);
  EXPECT_NE(one.design.unit.points, other.design.unit.points);
}

TEST(Explore, AlternativesAreWholeFragmentsAndMergeThroughExtends) {
  const fs::path dir = fs::temp_directory_path() / "bordersim_explore_extends";
  fs::create_directories(dir);
  std::ofstream(dir / "base.yaml") << queue(
      "1", "1h", "12/day", "60d",
      "uncertain:\n"
      "  demand:\n"
      "    key: flows.f.arrivals\n"
      "    values:\n"
      "      poisson: {rate: 12/day}\n"
      "      hourly: {rate: 12/day, hourly: [0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,0]}\n"
      "    why: test\n"
      "  value: {key: cargo.general.value, low: 1USD, high: 100USD, why: test}\n");
  // The variant drops one input and changes no uncertain key.
  std::ofstream(dir / "variant.yaml") << "extends: base.yaml\nname: two_desks\n"
                                         "gate_sides: {a: {stages: [{id: desk, servers: 2}]}}\n"
                                         "uncertain: {value: ~}\n";
  const models::Scenario v = models::load_scenario((dir / "variant.yaml").string());
  ASSERT_EQ(v.uncertain.size(), 1u);
  EXPECT_EQ(v.uncertain[0].name, "demand");
  EXPECT_EQ(v.uncertain[0].labels, (std::vector<std::string>{"poisson", "hourly"}));
  app::ExploreOptions e;
  e.design = "grid";
  e.points = 2;
  e.metrics = {"stage_wait_mean[f@a.desk]"};
  app::RunOptions o = options(2);
  const app::ExploreOutcome r =
      app::explore({app::ScenarioSource::file((dir / "base.yaml").string()),
                    app::ScenarioSource::file((dir / "variant.yaml").string())},
                   e, o);
  ASSERT_EQ(r.design.points(), 4u);  // 2 alternatives x 2 levels of the range
  std::set<std::string> seen;
  for (const auto& t : r.design.text) seen.insert(t[0]);
  EXPECT_EQ(seen, (std::set<std::string>{"poisson", "hourly"}));
  // Arrivals crowded into 12 hours wait longer at one desk than the same arrivals spread out.
  auto wait = [&](std::size_t p) {
    for (const outputs::SummaryRow& s : r.summaries[p][0])
      if (s.key.label == "f@a.desk" && outputs::metric_name(s.key.metric) == "stage_wait_mean")
        return s.ci.mean;
    return std::nan("");
  };
  for (std::size_t p = 0; p < r.design.points(); ++p) {
    if (r.design.text[p][0] != "hourly") continue;
    for (std::size_t q = 0; q < r.design.points(); ++q) {
      if (r.design.text[q][0] == "poisson" && r.design.text[q][1] == r.design.text[p][1]) {
        EXPECT_GT(wait(p), 1.5 * wait(q));
      }
    }
  }
  // The second desk helps at every point.
  bool found = false;
  for (const studies::RobustnessRow& x : r.analysis.robustness)
    if (x.key.group.kind == outputs::GroupKind::All &&
        outputs::metric_name(x.key.metric) == "border_time_mean") {
      found = true;
      EXPECT_EQ(x.better, x.points);
      EXPECT_FALSE(x.rule.flips);
    }
  EXPECT_TRUE(found);
  fs::remove_all(dir);
}

TEST(Explore, AVariantThatSetsAnUncertainKeyIsRefused) {
  const std::string base = queue("1", "1h", "12/day", "30d", kMm1Inputs);
  const std::string variant =
      queue("1", "50min", "12/day", "30d", kMm1Inputs);  // the service time is uncertain
  try {
    app::explore({app::ScenarioSource::yaml(base, "mm.yaml"),
                  app::ScenarioSource::yaml(variant, "faster.yaml")},
                 {}, options(1));
    FAIL() << "expected a usage error";
  } catch (const app::UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("gate_sides.a.stages.desk.service.mean"),
              std::string::npos)
        << e.what();
  }
}

TEST(Precision, ReachesItsHalfWidthAndStillCoversTheory) {
  // M/M/2, lambda = 1.5/h, mean service 1 h (a = 1.5, rho = 0.75).
  const double lambda = 1.5, mu = 1;
  const double wq_h = sim::erlang_c(2, lambda / mu) / (2 * mu - lambda);
  app::RunOptions o = options(2);
  o.replications = 4;
  o.precision.relative = 0.03;
  o.precision.metrics = {app::parse_named_metric("stage_wait_mean[f@a.desk]")};
  o.precision.max_replications = 400;
  const app::RunOutcome r = app::evaluate(
      app::ScenarioSource::yaml(queue("2", "1h", "36/day", "200d", ""), "mm.yaml"), o);
  EXPECT_TRUE(r.warnings.empty());
  EXPECT_GT(r.scenario.replications, 4);
  bool found = false;
  for (const outputs::SummaryRow& s : r.summary)
    if (s.key.label == "f@a.desk" && outputs::metric_name(s.key.metric) == "stage_wait_mean") {
      found = true;
      EXPECT_LE((s.ci.hi - s.ci.lo) / 2, 0.03 * s.ci.mean);
      EXPECT_LE(s.ci.lo, 60 * wq_h);
      EXPECT_GE(s.ci.hi, 60 * wq_h);
    }
  EXPECT_TRUE(found);
  // The same with one thread: the stopping decision depends on the replications only.
  app::RunOptions one = o;
  one.threads = 1;
  const app::RunOutcome r1 = app::evaluate(
      app::ScenarioSource::yaml(queue("2", "1h", "36/day", "200d", ""), "mm.yaml"), one);
  EXPECT_EQ(r1.scenario.replications, r.scenario.replications);
  ASSERT_EQ(r1.summary.size(), r.summary.size());
  for (std::size_t i = 0; i < r.summary.size(); ++i)
    EXPECT_EQ(r1.summary[i].ci.mean, r.summary[i].ci.mean);
}

TEST(Precision, AMetricThatCannotReachItStopsAtTheMaximumAndSaysSo) {
  app::RunOptions o = options(2);
  o.replications = 2;
  o.precision.relative = 0.0001;
  o.precision.max_replications = 6;
  const app::RunOutcome r =
      app::evaluate(app::ScenarioSource::yaml(queue("1", "1h", "12/day", "30d", ""), "mm.yaml"), o);
  EXPECT_EQ(r.scenario.replications, 6);
  ASSERT_FALSE(r.warnings.empty());
  EXPECT_NE(r.warnings.front().find("(the maximum, --max-replications)"), std::string::npos)
      << r.warnings.front();
  EXPECT_NE(r.warnings.front().find("border_time"), std::string::npos) << r.warnings.front();
}

}  // namespace
