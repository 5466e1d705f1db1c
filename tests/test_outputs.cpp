// The output contract: generated docs, group labels and codes, money units, and the sweep grid.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "app/replicate.hpp"
#include "measures/summary.hpp"
#include "models/border.hpp"
#include "models/loader.hpp"
#include "models/source_error.hpp"
#include "outputs/contract.hpp"
#include "outputs/writer.hpp"
#include "studies/sweep.hpp"

#ifndef BORDERSIM_SOURCE_DIR
#error "BORDERSIM_SOURCE_DIR must name the source tree"
#endif

namespace {

using outputs::GroupKind;
using outputs::Metric;

std::string scenario_path(const std::string& name) {
  return std::string(BORDERSIM_SOURCE_DIR) + "/scenarios/" + name + ".yaml";
}

TEST(OutputFormat, DocsAreCurrent) {
  std::ifstream in(std::string(BORDERSIM_SOURCE_DIR) + "/docs/output-format.md");
  std::stringstream ss;
  ss << in.rdbuf();
  const bool current = ss.str() == outputs::output_format_markdown();
  EXPECT_TRUE(current)
      << "docs/output-format.md is out of date; regenerate with: build/bordersim output-format > "
         "docs/output-format.md";
}

// Every declared column lies inside its row, without overlapping another, under a unique name.
TEST(OutputFormat, ColumnsFitTheirRows) {
  for (const outputs::TableSpec& t : outputs::all_tables()) {
    if (t.row_size == 0) continue;  // the time series: columns from the scenario
    std::set<std::string> names;
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    for (const outputs::ColumnSpec& c : t.columns) {
      EXPECT_TRUE(names.insert(c.name).second) << t.name << "." << c.name;
      const std::size_t size = H5Tget_size(outputs::hdf5_type(c));
      EXPECT_LE(c.offset + size, t.row_size) << t.name << "." << c.name;
      spans.emplace_back(c.offset, c.offset + size);
    }
    std::sort(spans.begin(), spans.end());
    for (std::size_t i = 1; i < spans.size(); ++i)
      EXPECT_LE(spans[i - 1].second, spans[i].first) << t.name;
  }
}

TEST(OutputFormat, EveryMetricHasNameUnitMeaningAndGroups) {
  std::set<std::string> names;
  for (const outputs::MetricSpec& m : outputs::metric_catalogue()) {
    EXPECT_TRUE(names.insert(m.name).second) << m.name;
    EXPECT_FALSE(m.unit.empty()) << m.name;
    EXPECT_FALSE(m.meaning.empty()) << m.name;
    EXPECT_FALSE(m.groups.empty()) << m.name;
    EXPECT_EQ(outputs::metric_by_name(m.name), m.metric);
  }
}

// The labels stay what the summary has always stored.
TEST(Groups, LabelsKeepTheirStoredForm) {
  const models::Scenario sc = models::load_scenario(scenario_path("kim_thanh_bac_son"));
  const models::RunResult r = models::run_replication(sc, 0);
  const outputs::GroupNames names = outputs::group_names(sc, r.stop_names);
  const auto flow =
      static_cast<std::uint16_t>(std::find_if(sc.flows.begin(), sc.flows.end(),
                                              [](const auto& f) { return f.id == "exports"; }) -
                                 sc.flows.begin());
  const auto fruit =
      static_cast<std::uint16_t>(std::find_if(sc.cargo.begin(), sc.cargo.end(),
                                              [](const auto& c) { return c.id == "fresh_fruit"; }) -
                                 sc.cargo.begin());
  const auto stop = static_cast<std::uint16_t>(
      std::find(r.stop_names.begin(), r.stop_names.end(), "kim_thanh.exit_barrier") -
      r.stop_names.begin());
  ASSERT_LT(flow, sc.flows.size());
  ASSERT_LT(fruit, sc.cargo.size());
  ASSERT_LT(stop, r.stop_names.size());
  using namespace outputs;
  EXPECT_EQ(group_label(all_group(), names), "all");
  EXPECT_EQ(group_label(cargo_group(fruit), names), "cargo:fresh_fruit");
  EXPECT_EQ(group_label(cargo_group(models::kEmptyCargo), names), "cargo:empty");
  EXPECT_EQ(group_label(flow_cargo_group(flow, fruit), names), "exports/fresh_fruit");
  EXPECT_EQ(group_label(flow_cargo_treatment_group(flow, fruit, models::Treatment::Regular), names),
            "exports/fresh_fruit/regular");
  EXPECT_EQ(
      group_label(flow_cargo_treatment_group(flow, fruit, models::Treatment::Priority), names),
      "exports/fresh_fruit/priority");
  EXPECT_EQ(group_label(flow_stop_group(flow, stop), names), "exports@kim_thanh.exit_barrier");
  EXPECT_EQ(group_label(stop_group(stop), names), "kim_thanh.exit_barrier");
  EXPECT_EQ(group_label(side_group(0), names), sc.sides[0].id);
  // A crossing direction is labelled as the backlog table names its column.
  const Group import = crossing_direction_group(0, Direction::Import);
  EXPECT_EQ(group_label(import, names), "kim_thanh_bac_son.import");
  EXPECT_EQ(r.backlog_columns.at(1), group_label(import, names));
  EXPECT_EQ(group_of(group_codes(import)), import);
  const Group g = flow_cargo_treatment_group(flow, fruit, models::Treatment::Priority);
  EXPECT_EQ(group_of(group_codes(g)), g);
}

// Two cargo classes in two currencies (fruit in dong, general cargo in dollars, fruit spoiling
// quickly), and a transshipment cost in yuan: the results are in the scenario's reporting
// currency, every value converted at the rate the scenario states.
models::Scenario two_currencies() {
  return models::load_scenario_text(
      "extends: " + scenario_path("kim_thanh_bac_son") +
          "\nname: two_currencies\nreplications: 1\nhorizon: 4d\nwarmup: 0s\n"
          "exchange_rates: {CNY: 7.2, VND: 25000}\n"
          "cargo:\n  fresh_fruit: {value: 1000000000VND, shelf_life: 8h}\n",
      "two_currencies.yaml");
}

TEST(Money, ValuesAreConvertedIntoTheReportingCurrency) {
  const models::Scenario sc = two_currencies();
  EXPECT_EQ(sc.currency, "USD");
  const models::RunResult r = models::run_replication(sc, 0);
  double lost = 0, spoiled = 0;
  for (const auto& v : r.vehicles)
    if (v.spoiled && v.outcome != models::Outcome::Rejected) {
      EXPECT_DOUBLE_EQ(v.value_lost, 1e9 / 25000) << "a load of VND 1 bn is USD 40,000";
      lost += v.value_lost;
      spoiled += 1;
    }
  ASSERT_GT(spoiled, 0) << "fruit spoils in this scenario";
  const auto rows = outputs::summarize({outputs::compute_metrics(sc, r)});
  std::multiset<std::pair<std::string, std::string>> money;  // (group, unit)
  for (const auto& row : rows)
    if (row.key.metric == Metric::ValueLostPerDay) money.emplace(row.key.label, row.key.unit);
  for (const auto& [group, unit] : money) EXPECT_EQ(unit, "USD/day") << group;
  EXPECT_EQ(money.count({"all", "USD/day"}), 1u);
  for (const auto& row : rows) {
    if (row.key.metric == Metric::ValueLostPerDay && row.key.label == "all") {
      EXPECT_NEAR(row.ci.mean, lost / 4, 1e-6);
    }
  }
  for (const auto& v : r.vehicles) {
    if (v.transship_cost > 0) {
      EXPECT_DOUBLE_EQ(v.transship_cost, 900 / 7.2);
    }
  }
}

TEST(Money, ACurrencyWithoutARateIsALocatedError) {
  try {
    models::load_scenario_text("extends: " + scenario_path("kim_thanh_bac_son") +
                                   "\nname: no_rate\ncargo:\n  fresh_fruit: {value: 1e9VND}\n",
                               "no_rate.yaml");
    FAIL() << "a VND value with no rate was accepted";
  } catch (const models::SourceError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("no_rate.yaml:4:"), std::string::npos) << what;
    EXPECT_NE(what.find("cargo.fresh_fruit.value: no exchange rate for VND"), std::string::npos)
        << what;
  }
}

// Written and read back: the vehicles table says money is in the reporting currency, /lookup/cargo
// names each class's own currency, and every summary row's codes give back its label.
TEST(Summary, FileNamesCurrenciesAndGroupCodes) {
  const models::Scenario sc = two_currencies();
  const std::string path =
      (std::filesystem::temp_directory_path() / "bordersim_two_currencies.h5").string();
  {
    outputs::h5::Handle f = outputs::h5::create_file(path);
    app::RunControl ctl;
    ctl.threads = 1;
    outputs::write_summary(f, "summary", outputs::summarize(app::run_and_write(sc, f, ctl)));
  }
  outputs::h5::Handle f = outputs::h5::open_file(path);
  {
    outputs::h5::Handle ds(H5Dopen2(f, "replications/r000/vehicles", H5P_DEFAULT), H5Dclose,
                           "vehicles");
    EXPECT_EQ(outputs::h5::read_attr_string(ds, "value_lost_unit"), "USD");
    EXPECT_EQ(outputs::h5::read_attr_string(ds, "transship_cost_unit"), "USD");
  }
  using outputs::Table;
  const auto cargo = outputs::read_rows<outputs::row::CargoLookup>(
      f, "lookup/cargo", outputs::table_spec(Table::CargoLookup));
  ASSERT_EQ(cargo.size(), 2u);
  EXPECT_EQ(outputs::text(cargo[0].name), "fresh_fruit");
  EXPECT_EQ(outputs::text(cargo[0].currency), "VND");
  EXPECT_EQ(outputs::text(cargo[1].currency), "USD");
  const outputs::GroupNames names = outputs::read_group_names(f, "");
  const auto rows =
      outputs::read_rows<outputs::row::Summary>(f, "summary", outputs::table_spec(Table::Summary));
  ASSERT_FALSE(rows.empty());
  for (const auto& r : rows)
    EXPECT_EQ(outputs::group_label(outputs::group_of(r.codes), names), outputs::text(r.key.group));
  std::filesystem::remove(path);
}

TEST(Sweep, ParsesSetsAndBuildsTheGridFirstAxisSlowest) {
  const outputs::SweepAxis a =
      outputs::parse_sweep_set("flows.exports.arrivals.rate=250/day,300/day");
  EXPECT_EQ(a.path, "flows.exports.arrivals.rate");
  EXPECT_EQ(a.values, (std::vector<std::string>{"250/day", "300/day"}));
  EXPECT_THROW(outputs::parse_sweep_set("=1,2"), outputs::SweepError);
  EXPECT_THROW(outputs::parse_sweep_set("a.b="), outputs::SweepError);
  EXPECT_THROW(outputs::parse_sweep_set("a.b"), outputs::SweepError);
  const outputs::SweepAxis b{"x", {"1", "2", "3"}};
  const auto grid = outputs::sweep_grid({a, b});
  ASSERT_EQ(grid.size(), 6u);
  EXPECT_EQ(grid[0], (std::vector<std::size_t>{0, 0}));
  EXPECT_EQ(grid[1], (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(grid[3], (std::vector<std::size_t>{1, 0}));
  EXPECT_EQ(outputs::sweep_label({a, b}, grid[5]), "flows.exports.arrivals.rate=300/day;x=3");
}

TEST(Sweep, BuildsEveryPointScenario) {
  const auto points = outputs::sweep_points(
      scenario_path("fruit_surge"),
      {outputs::parse_sweep_set("flows.exports.arrivals.rate=250/day,300/day")});
  ASSERT_EQ(points.size(), 2u);
  EXPECT_EQ(points[1].label, "flows.exports.arrivals.rate=300/day");
  const auto rate = [](const models::Scenario& sc) {
    return std::find_if(sc.flows.begin(), sc.flows.end(),
                        [](const auto& f) { return f.id == "exports"; })
        ->arrivals.rate_per_s;
  };
  EXPECT_NEAR(rate(points[0].scenario) * 86400, 250, 1e-9);
  EXPECT_NEAR(rate(points[1].scenario) * 86400, 300, 1e-9);
}

}  // namespace

namespace {

// Every outcome code the model can write has its name in /lookup/outcomes.
TEST(OutputFormat, OutcomeLookupNamesEveryOutcome) {
  for (const auto& l : outputs::lookup_specs())
    if (l.name == "outcomes") {
      EXPECT_EQ(l.names.size(), models::kOutcomes);
      return;
    }
  FAIL() << "no outcomes lookup";
}

}  // namespace

namespace {

// Every root attribute the contract declares is written (but those of other commands and
// options), and the start instant turns t_s into the scenario's local calendar.
TEST(OutputFormat, RootAttributesAreTheDeclaredOnesAndSayWhenTimeStarts) {
  const models::Scenario sc = models::load_scenario(scenario_path("kim_thanh_bac_son"));
  const std::string path =
      (std::filesystem::temp_directory_path() / "bordersim_root_attributes.h5").string();
  {
    outputs::h5::Handle f = outputs::h5::create_file(path);
    outputs::write_root_attributes(f, sc, outputs::Provenance{"v", "rev", "2025-01-01T00:00:00Z"});
  }
  outputs::h5::Handle f = outputs::h5::open_file(path);
  // Written by other commands or options only: `command`, and `precision` (--precision);
  // `uncertain_inputs` when the scenario declares some.
  std::size_t expected = 0;
  for (const outputs::AttributeSpec& a : outputs::root_attributes()) {
    const bool written = a.name == "uncertain_inputs"
                             ? !sc.uncertain.empty()
                             : a.name != "command" && a.name != "precision";
    EXPECT_EQ(H5Aexists(f, a.name.c_str()) > 0, written) << a.name;
    expected += written;
  }
  H5O_info_t info;
  ASSERT_GE(H5Oget_info_by_name(f, "/", &info, H5P_DEFAULT), 0);
  EXPECT_EQ(info.num_attrs, expected);  // nothing undeclared
  // start: 2025-04-07 00:00 in Asia/Ho_Chi_Minh (UTC+7) = 2025-04-06 17:00 UTC.
  EXPECT_DOUBLE_EQ(outputs::h5::read_attr_double(f, "start_epoch_s"), 1743958800.0);
  EXPECT_EQ(outputs::h5::read_attr_string(f, "start_local"), "2025-04-07 00:00");
  EXPECT_EQ(outputs::h5::read_attr_string(f, "time_zone"), "Asia/Ho_Chi_Minh");
  EXPECT_DOUBLE_EQ(outputs::h5::read_attr_double(f, "utc_offset_s"), 7 * 3600.0);
  std::filesystem::remove(path);
}

}  // namespace
