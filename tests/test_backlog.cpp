// Honest backlog reporting (issue 10, item 7): the daily backlog table, backlog_growth_per_day and
// backlog_at_end per crossing direction, the outcome counts, and the warning a growing backlog
// raises (the results then depend on the horizon).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <limits>

#include "app/replicate.hpp"
#include "measures/summary.hpp"
#include "models/border.hpp"
#include "models/loader.hpp"
#include "outputs/contract.hpp"
#include "outputs/writer.hpp"
#include "support.hpp"

namespace {

using outputs::Metric;
using test_support::scenario_path;
using test_support::write_temp;

constexpr double kDay = 86400;

TEST(Backlog, LinearFitSlopeOfAKnownSeries) {
  outputs::LinearFit exact;
  for (int d = 0; d < 10; ++d) exact.add(d, 3 + 2.5 * d);
  EXPECT_NEAR(exact.slope(), 2.5, 1e-12);
  // Residuals +1, -1, -1, +1 around y = 10 - 4x are orthogonal to x - mean(x): the slope is -4.
  outputs::LinearFit noisy;
  const double noise[] = {1, -1, -1, 1};
  for (int d = 0; d < 4; ++d) noisy.add(d, 10 - 4.0 * d + noise[d]);
  EXPECT_NEAR(noisy.slope(), -4, 1e-12);
  outputs::LinearFit flat;
  for (int d = 0; d < 5; ++d) flat.add(d, 7);
  EXPECT_NEAR(flat.slope(), 0, 1e-12);
  outputs::LinearFit one, same_x;
  one.add(1, 5);
  same_x.add(2, 1);
  same_x.add(2, 9);
  EXPECT_TRUE(std::isnan(one.slope()));
  EXPECT_TRUE(std::isnan(same_x.slope())) << "no line through points at one x";
}

double metric(const outputs::ReplicationMetrics& m, Metric metric, const std::string& label) {
  for (const auto& [k, v] : m)
    if (k.metric == metric && k.label == label) return v;
  return std::numeric_limits<double>::quiet_NaN();
}

// The slope is fitted over the days after the warm-up only; backlog_at_end is the last row.
TEST(Backlog, GrowthIsTheSlopeAfterTheWarmupAndTheEndIsTheLastRow) {
  const models::Scenario sc = models::load_scenario(scenario_path("kim_thanh_bac_son"));
  ASSERT_EQ(sc.warmup_s, 2 * kDay);
  models::RunResult r;
  r.horizon_s = 6 * kDay;
  r.warmup_s = sc.warmup_s;
  r.backlog_columns = {"kim_thanh_bac_son.export", "kim_thanh_bac_son.import"};
  // export: 100 a day during the warm-up fill, then 10 a day; import: flat at 4 after it.
  const double rows[][3] = {{0, 0, 0},          {1 * kDay, 100, 9}, {2 * kDay, 200, 4},
                            {3 * kDay, 210, 4}, {4 * kDay, 220, 4}, {5 * kDay, 230, 4},
                            {6 * kDay, 240, 4}};
  for (const auto& row : rows) r.backlog.insert(r.backlog.end(), row, row + 3);
  const auto m = outputs::compute_metrics(sc, r);
  EXPECT_NEAR(metric(m, Metric::BacklogGrowthPerDay, "kim_thanh_bac_son.export"), 10, 1e-9);
  EXPECT_NEAR(metric(m, Metric::BacklogGrowthPerDay, "kim_thanh_bac_son.import"), 0, 1e-9);
  EXPECT_EQ(metric(m, Metric::BacklogAtEnd, "kim_thanh_bac_son.export"), 240);
  EXPECT_EQ(metric(m, Metric::BacklogAtEnd, "kim_thanh_bac_son.import"), 4);
  for (const auto& [k, v] : m)
    if (k.metric == Metric::BacklogGrowthPerDay) {
      EXPECT_EQ(k.group.kind, outputs::GroupKind::CrossingDirection);
      EXPECT_EQ(k.group.crossing, 0);
    }
}

// Without a warm-up the fill-up from an empty border is not growth either: a backlog that rises
// for three days and then stays level (with day-to-day noise) grows by about nothing. The fit
// from the start gave 24 a day here; the initial transient is cut by MSER (issue 23).
TEST(Backlog, AFillUpFollowedByALevelIsNotGrowthEvenWithoutAWarmup) {
  std::vector<std::pair<double, double>> days;
  const double level[] = {0, 150, 280, 330, 335, 325, 330, 332, 328, 331, 329, 330, 327, 333};
  for (int d = 0; d < 14; ++d) days.emplace_back(d, level[d]);
  outputs::LinearFit from_start;
  for (const auto& [x, y] : days) from_start.add(x, y);
  EXPECT_GT(from_start.slope(), 10) << "what the fit from the start said";
  EXPECT_NEAR(outputs::backlog_growth(days), 0, 0.5);
  // Steady growth keeps its slope, whatever the truncation.
  std::vector<std::pair<double, double>> growing;
  for (int d = 0; d < 14; ++d) growing.emplace_back(d, 20.0 + 84.0 * d + (d % 2 ? 3 : -3));
  EXPECT_NEAR(outputs::backlog_growth(growing), 84, 1);
  // And through the metrics of a run with no warm-up.
  models::Scenario sc = models::load_scenario(scenario_path("kim_thanh_bac_son"));
  sc.warmup_s = 0;
  models::RunResult r;
  r.horizon_s = 13 * kDay;
  r.backlog_columns = {"kim_thanh_bac_son.export", "kim_thanh_bac_son.import"};
  for (int d = 0; d < 14; ++d) {
    const double row[3] = {d * kDay, level[d], 4};
    r.backlog.insert(r.backlog.end(), row, row + 3);
  }
  const auto m = outputs::compute_metrics(sc, r);
  EXPECT_NEAR(metric(m, Metric::BacklogGrowthPerDay, "kim_thanh_bac_son.export"), 0, 0.5);
  EXPECT_EQ(outputs::backlog_warnings(outputs::summarize({m, m})).size(), 0u);
}

std::vector<outputs::SummaryRow> summary_of(const models::Scenario& sc) {
  std::vector<outputs::ReplicationMetrics> reps;
  for (int r = 0; r < sc.replications; ++r)
    reps.push_back(
        outputs::compute_metrics(sc, models::run_replication(sc, static_cast<std::uint32_t>(r))));
  return outputs::summarize(reps);
}

const outputs::SummaryRow* find_row(const std::vector<outputs::SummaryRow>& rows, Metric m,
                                    const std::string& label) {
  for (const auto& r : rows)
    if (r.key.metric == m && r.key.label == label) return &r;
  return nullptr;
}

// fruit_surge: 300 export trucks a day against an intake of about 220: the export backlog grows
// by the difference (about 84 a day) in every replication, and the run says so.
TEST(Backlog, FruitSurgeExportBacklogGrowsAndIsWarnedAbout) {
  const models::Scenario sc = models::load_scenario(scenario_path("fruit_surge"));
  ASSERT_GE(sc.replications, 2);
  const auto rows = summary_of(sc);
  const auto* exp = find_row(rows, Metric::BacklogGrowthPerDay, "kim_thanh_bac_son.export");
  const auto* imp = find_row(rows, Metric::BacklogGrowthPerDay, "kim_thanh_bac_son.import");
  ASSERT_NE(exp, nullptr);
  ASSERT_NE(imp, nullptr);
  EXPECT_GT(exp->ci.mean, 50);
  EXPECT_GT(exp->ci.lo, 0) << "the CI excludes 0";
  EXPECT_NEAR(exp->ci.mean, 84, 15);
  // The import direction is not asserted near 0: in this model the returning trucks queue for the
  // same Kim Thanh yard the exports fill, so their backlog grows too (about 50 a day) and is
  // warned about as well. That is the model's answer, reported as it is.
  const auto* at_end = find_row(rows, Metric::BacklogAtEnd, "kim_thanh_bac_son.export");
  ASSERT_NE(at_end, nullptr);
  EXPECT_GT(at_end->ci.mean, 500);
  const auto warnings = outputs::backlog_warnings(rows);
  const auto w = std::find_if(warnings.begin(), warnings.end(),
                              [](const auto& x) { return x.where == "kim_thanh_bac_son.export"; });
  ASSERT_NE(w, warnings.end());
  EXPECT_EQ(w->at_end, at_end->ci.mean);
  const std::string text = w->text();
  EXPECT_NE(text.find("warning: the backlog at kim_thanh_bac_son.export grows by"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("results depend on the horizon"), std::string::npos) << text;
}

TEST(Backlog, KimThanhBacSonIsNotWarnedAbout) {
  const models::Scenario sc = models::load_scenario(scenario_path("kim_thanh_bac_son"));
  const auto rows = summary_of(sc);
  EXPECT_NE(find_row(rows, Metric::BacklogGrowthPerDay, "kim_thanh_bac_son.export"), nullptr);
  EXPECT_TRUE(outputs::backlog_warnings(rows).empty());
}

outputs::SummaryRow growth_row(double mean, double lo, double hi) {
  outputs::SummaryRow r;
  r.key = outputs::MetricKey{Metric::BacklogGrowthPerDay,
                             outputs::crossing_direction_group(0, outputs::Direction::Export),
                             "x.export", "vehicles/day"};
  r.ci.mean = mean;
  r.ci.lo = lo;
  r.ci.hi = hi;
  r.ci.n = std::isnan(lo) ? 1 : 10;
  return r;
}

TEST(Backlog, WarnsOnlyWhenTheCiIsAboveZeroAndTheGrowthIsAtLeastOneADay) {
  using outputs::backlog_warnings;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(backlog_warnings({growth_row(83.4, 81.0, 85.8)}).size(), 1u);
  EXPECT_TRUE(backlog_warnings({growth_row(3, -0.5, 6.5)}).empty()) << "CI includes 0";
  EXPECT_TRUE(backlog_warnings({growth_row(0.6, 0.2, 1.0)}).empty()) << "below 1 vehicle a day";
  EXPECT_TRUE(backlog_warnings({growth_row(-20, -22, -18)}).empty()) << "a shrinking backlog";
  // One replication has no CI: a growing backlog is still not hidden.
  ASSERT_EQ(backlog_warnings({growth_row(40, nan, nan)}).size(), 1u);
  EXPECT_NE(backlog_warnings({growth_row(40, nan, nan)})[0].text().find("one replication"),
            std::string::npos);
  outputs::SummaryRow end = growth_row(851, 826, 876);
  end.key.metric = Metric::BacklogAtEnd;
  const auto w = backlog_warnings({growth_row(83.4, 81.0, 85.8), end});
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].text(),
            "warning: the backlog at x.export grows by 83.4 [81.0, 85.8] vehicles/day over the "
            "run: results depend on the horizon (waits of the 851 vehicles still queued there at "
            "the end are counted up to the horizon)");
}

// Outcome counts: rejected_per_day where a stage can reject; balked, reneged and turned back (and
// their sum, gave_up_per_day) only where driver behaviour can produce them.
TEST(Backlog, OutcomeMetricsSplitGaveUp) {
  const models::Scenario plain = models::load_scenario(scenario_path("kim_thanh_bac_son"));
  const auto m = outputs::compute_metrics(plain, models::run_replication(plain, 0));
  EXPECT_FALSE(std::isnan(metric(m, Metric::RejectedPerDay, "all")));
  EXPECT_TRUE(std::isnan(metric(m, Metric::BalkedPerDay, "all")));
  EXPECT_TRUE(std::isnan(metric(m, Metric::GaveUpPerDay, "all")));
  models::Scenario no_reject = plain;  // no stage rejects: no column of zeros pretending it could
  for (auto& side : no_reject.sides)
    for (auto& stage : side.stages) stage.reject_probability = 0;
  const auto n = outputs::compute_metrics(no_reject, models::run_replication(no_reject, 0));
  EXPECT_TRUE(std::isnan(metric(n, Metric::RejectedPerDay, "all")));
  const models::Scenario sc = models::load_scenario(write_temp(
      "backlog_behaviour.yaml",
      "extends: " + scenario_path("fruit_surge") +
          "\nname: backlog_behaviour\nflows:\n  exports:\n    behaviour: {balk_at_road_queue: 300, "
          "patience: {dist: exponential, mean: 24h}, spoiled: turn_back}\n"));
  ASSERT_TRUE(sc.has_behaviour());
  const auto b = outputs::compute_metrics(sc, models::run_replication(sc, 0));
  const double balked = metric(b, Metric::BalkedPerDay, "all");
  const double reneged = metric(b, Metric::RenegedPerDay, "all");
  const double turned = metric(b, Metric::TurnedBackPerDay, "all");
  EXPECT_NEAR(metric(b, Metric::GaveUpPerDay, "all"), balked + reneged + turned, 1e-9);
  EXPECT_GT(balked + reneged + turned, 0);
}

// Written to the file: a backlog table in every replication, the model's columns and values.
TEST(Backlog, TableInEveryReplicationHoldsTheModelsRows) {
  models::Scenario sc = models::load_scenario(scenario_path("fruit_surge"));
  sc.replications = 2;
  const std::string path =
      (std::filesystem::temp_directory_path() / "bordersim_backlog.h5").string();
  {
    outputs::h5::Handle f = outputs::h5::create_file(path);
    app::RunControl ctl;
    ctl.threads = 1;
    app::run_and_write(sc, f, ctl);
  }
  outputs::h5::Handle f = outputs::h5::open_file(path);
  for (std::uint32_t rep = 0; rep < 2; ++rep) {
    const models::RunResult r = models::run_replication(sc, rep);
    std::vector<std::string> names{"t_s"};
    names.insert(names.end(), r.backlog_columns.begin(), r.backlog_columns.end());
    ASSERT_EQ(names.size(), 3u);
    std::vector<unsigned char> buf;
    const std::string table = "replications/r00" + std::to_string(rep) + "/backlog";
    const std::size_t n =
        outputs::h5::read_table(f, table, names.size() * sizeof(double),
                                outputs::series_columns(outputs::Table::Backlog, names), buf);
    ASSERT_EQ(n * names.size(), r.backlog.size()) << table;
    ASSERT_EQ(n, 11u) << "t = 0, 1d, ..., 10d";
    std::vector<double> values(r.backlog.size());
    std::memcpy(values.data(), buf.data(), values.size() * sizeof(double));
    EXPECT_EQ(values, r.backlog);
  }
  EXPECT_EQ(outputs::read_lookup(f, "lookup/crossings"),
            std::vector<std::string>{"kim_thanh_bac_son"});
  EXPECT_EQ(outputs::read_lookup(f, "lookup/directions"),
            (std::vector<std::string>{"export", "import"}));
  std::filesystem::remove(path);
}

}  // namespace
