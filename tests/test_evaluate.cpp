// The in-memory evaluation: the same metrics as a run that writes its file, with no file.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <string>

#include "app/replicate.hpp"
#include "models/loader.hpp"
#include "outputs/hdf5.hpp"

namespace {

std::string scenario_path(const std::string& name) {
  return std::string(BORDERSIM_SOURCE_DIR) + "/scenarios/" + name + ".yaml";
}

TEST(Evaluate, SameMetricsAsARunThatWritesItsFile) {
  for (const char* name : {"kim_thanh_bac_son", "lao_cai", "cbta_single_stop"}) {
    models::Scenario sc = models::load_scenario(scenario_path(name));
    sc.horizon_s = 6 * 86400.0;
    sc.warmup_s = 86400.0;
    sc.replications = 3;
    const std::string path =
        (std::filesystem::temp_directory_path() / (std::string("bordersim_eval_") + name + ".h5"))
            .string();
    std::vector<outputs::ReplicationMetrics> written;
    {
      outputs::h5::Handle f = outputs::h5::create_file(path);
      app::RunControl ctl;
      ctl.threads = 2;
      written = app::run_and_write(sc, f, ctl);
    }
    std::filesystem::remove(path);
    app::RunControl one;
    one.threads = 1;  // and any thread count
    const auto in_memory = app::evaluate(sc, one);
    ASSERT_EQ(in_memory.size(), written.size()) << name;
    for (std::size_t r = 0; r < written.size(); ++r) {
      EXPECT_FALSE(written[r].empty());
      ASSERT_EQ(in_memory[r].size(), written[r].size()) << name;
      auto a = in_memory[r].begin();
      for (auto b = written[r].begin(); b != written[r].end(); ++a, ++b) {
        EXPECT_FALSE(a->first < b->first || b->first < a->first) << name;
        EXPECT_EQ(std::memcmp(&a->second, &b->second, sizeof(double)), 0)  // bit for bit
            << name << " replication " << r << " " << a->first.label;
      }
    }
  }
}

}  // namespace
