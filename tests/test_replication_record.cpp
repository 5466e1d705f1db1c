// A replication run elsewhere and written here (what an MPI rank sends rank 0) gives the file a
// local run gives: every table and metric through serialize, deserialize and replay. Needs no
// MPI: the record is what travels; tests/mpi/ runs the ranks themselves.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "app/replicate.hpp"
#include "models/loader.hpp"
#include "outputs/hdf5.hpp"
#include "outputs/replication_record.hpp"
#include "outputs/writer.hpp"

#ifndef BORDERSIM_SOURCE_DIR
#error "BORDERSIM_SOURCE_DIR must name the source tree"
#endif

namespace {

std::string write(const models::Scenario& sc, const std::string& name, bool fetched) {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("bordersim_record_" + name + ".h5")).string();
  outputs::h5::Handle file = outputs::h5::create_file(path);
  app::RunControl ctl;
  ctl.threads = 2;
  if (fetched)
    ctl.fetch = [&](std::uint32_t r) {
      const auto bytes = outputs::serialize(outputs::run_recorded(sc, r, {}));
      return outputs::deserialize(bytes.data(), bytes.size());
    };
  const auto metrics = app::run_and_write(sc, file, ctl);
  outputs::write_summary(file, "summary", outputs::summarize(metrics));
  outputs::h5::close_file(file);
  return path;
}

TEST(ReplicationRecord, FetchedReplicationsWriteTheLocalFile) {
  // Every table of every replication: vehicles, visits, trains, time series, backlog.
  const std::string src = std::string(BORDERSIM_SOURCE_DIR) + "/scenarios/lao_cai.yaml";
  models::Scenario sc = models::load_scenario_text(
      "extends: " + src + "\noutputs: {vehicles: all, visits: all, timeseries_step: 3h}\n",
      "all.yaml");
  sc.replications = 3;
  sc.horizon_s = 6 * 86400.0;
  sc.warmup_s = 86400.0;
  const std::string local = write(sc, "local", false), fetched = write(sc, "fetched", true);
  const std::string same = "/usr/bin/python3 " + std::string(BORDERSIM_SOURCE_DIR) +
                           "/scripts/same_results.py " + local + " " + fetched;
  EXPECT_EQ(std::system(same.c_str()), 0) << same;
  std::filesystem::remove(local);
  std::filesystem::remove(fetched);
}

TEST(ReplicationRecord, DamagedBytesAreAnErrorNotACrash) {
  outputs::ReplicationRecord rec;
  rec.stop_names = {"a", "b"};
  rec.backlog = {1, 2, 3};
  rec.backlog_width = 3;
  auto bytes = outputs::serialize(rec);
  const auto back = outputs::deserialize(bytes.data(), bytes.size());
  EXPECT_EQ(back.stop_names, rec.stop_names);
  EXPECT_EQ(back.backlog, rec.backlog);
  EXPECT_THROW(outputs::deserialize(bytes.data(), bytes.size() - 1), std::runtime_error);
  bytes[0] ^= 1;
  EXPECT_THROW(outputs::deserialize(bytes.data(), bytes.size()), std::runtime_error);
}

}  // namespace
