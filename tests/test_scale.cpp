// A model far larger than any shipped one, generated as YAML: 1,000 stops and 2,000 flows, with
// the time series on, runs a day and writes its result file (no width wall, no flow cap).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "app/replicate.hpp"
#include "models/loader.hpp"
#include "models/plan.hpp"
#include "outputs/contract.hpp"
#include "outputs/hdf5.hpp"

namespace {

std::string big_scenario(int stages_per_side, int flows) {
  std::string y =
      "name: big\nstart: 2025-04-07 00:00\nhorizon: 1d\nwarmup: 0d\nreplications: 1\n"
      "outputs: {timeseries_step: 1h}\n"
      "cargo:\n  general: {payload: 25t}\ngate_sides:\n";
  for (const char* side : {"vn", "cn"}) {
    y += std::string("  ") + side + ":\n    country: " + (side[0] == 'v' ? "VN" : "CN") +
         "\n    time_zone: UTC+7\n    stages:\n";
    // Half serve vehicles leaving, half those entering: a truck visits half of the stops.
    for (int i = 0; i < stages_per_side; ++i)
      y += "      - {id: s" + std::to_string(i) +
           ", servers: 2, service: 5s, direction: " + (i % 2 ? "inbound" : "outbound") + "}\n";
  }
  y += "crossings:\n  gate: {sides: [vn, cn]}\nflows:\n";
  for (int f = 0; f < flows; ++f)
    y += "  f" + std::to_string(f) + ": {direction: " + (f % 2 ? "import" : "export") +
         ", route: [{crossing: gate}], arrivals: {rate: 1/day}}\n";
  return y;
}

TEST(Scale, AThousandStopsAndTwoThousandFlowsRunADay) {
  const models::Scenario sc =
      models::load_scenario_text(big_scenario(500, 2000), "generated_big.yaml");
  const models::Plan plan = models::build_plan(sc);
  ASSERT_EQ(plan.stops().size(), 1000u);
  ASSERT_EQ(sc.flows.size(), 2000u);
  const std::string path = (std::filesystem::temp_directory_path() / "bordersim_big.h5").string();
  std::vector<outputs::ReplicationMetrics> metrics;
  {
    outputs::h5::Handle f = outputs::h5::create_file(path);
    app::RunControl ctl;
    ctl.threads = 1;
    metrics = app::run_and_write(sc, f, ctl);
  }
  ASSERT_EQ(metrics.size(), 1u);
  outputs::h5::Handle f = outputs::h5::open_file(path);
  using outputs::Table;
  const auto stops =
      outputs::read_rows<outputs::row::Stop>(f, "stops", outputs::table_spec(Table::Stops));
  EXPECT_EQ(stops.size(), plan.sites().size());
  const auto series = outputs::read_rows<outputs::row::Sample>(
      f, "replications/r000/timeseries", outputs::table_spec(Table::Timeseries));
  EXPECT_EQ(series.size(), 25 * stops.size());  // hourly samples at 0, 1 h, ... 24 h
  const auto visits = outputs::read_rows<outputs::row::Visit>(f, "replications/r000/visits",
                                                              outputs::table_spec(Table::Visits));
  const auto vehicles = outputs::read_rows<outputs::row::Vehicle>(
      f, "replications/r000/vehicles", outputs::table_spec(Table::Vehicles));
  std::uint16_t last_flow = 0, last_stop = 0;
  for (const auto& v : vehicles) last_flow = std::max(last_flow, v.flow);
  for (const auto& v : visits) last_stop = std::max(last_stop, v.stop);
  EXPECT_GT(last_flow, 1900);  // flows far past the old 127 arrive and are recorded
  EXPECT_GT(last_stop, 900);   // and stops far past any shipped scenario's are visited
  std::filesystem::remove(path);
}

}  // namespace
