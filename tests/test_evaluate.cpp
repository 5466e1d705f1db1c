// The in-memory evaluation: the same metrics as a run that writes its file, with no file.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "app/commands.hpp"
#include "app/replicate.hpp"
#include "models/loader.hpp"
#include "outputs/hdf5.hpp"
#include "outputs/writer.hpp"

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

namespace {

// A result can be reproduced from its file (issue 23): `run` stores the scenario as run (after
// `extends` and overrides) and every base file of its chain with its SHA-256; running the stored
// document gives the same metrics bit for bit, wherever the base files have gone.
TEST(Provenance, TheStoredScenarioReproducesTheResult) {
  const auto dir = std::filesystem::temp_directory_path() / "bordersim_provenance";
  std::filesystem::create_directories(dir);
  const std::string base_text = [] {
    std::ifstream in(scenario_path("kim_thanh_bac_son"));
    return std::string(std::istreambuf_iterator<char>(in), {});
  }();
  // A chain of two files, the base copied beside the variant so that its path is ours to delete.
  const std::string base_copy = (dir / "base.yaml").string();
  {
    std::ofstream(base_copy) << base_text;
    std::ofstream(dir / "variant.yaml") << "extends: base.yaml\nname: faster_lane\nhorizon: 6d\n"
                                           "warmup: 1d\nreplications: 3\n";
  }
  app::RunOptions o;
  o.out = (dir / "r.h5").string();
  o.force = true;
  o.threads = 2;
  o.overrides.push_back(app::Override{"seed", "7", "test"});
  o.horizon = "5d";  // options that change the scenario after it is read: stored as run
  o.replications = 2;
  const app::RunOutcome first =
      app::run(app::ScenarioSource::file((dir / "variant.yaml").string()), o);
  std::string resolved, chain;
  {
    outputs::h5::Handle f = outputs::h5::open_file(o.out);
    resolved = outputs::h5::read_attr_string(f, "scenario_resolved_yaml");
    chain = outputs::h5::read_attr_string(f, "scenario_chain");
  }
  EXPECT_EQ(resolved.find("extends"), std::string::npos);
  EXPECT_NE(
      chain.find("# ---- base 1: " + base_copy + " (sha256 " + outputs::sha256_hex(base_text) +
                 ", " + std::to_string(base_text.size()) + " bytes)\n" + base_text),
      std::string::npos)
      << chain.substr(0, 300);
  std::filesystem::remove_all(dir);
  const app::RunOutcome again =
      app::evaluate(app::ScenarioSource::yaml(resolved, "resolved"), app::RunOptions{});
  ASSERT_EQ(again.metrics.size(), first.metrics.size());
  for (std::size_t r = 0; r < first.metrics.size(); ++r) {
    ASSERT_EQ(again.metrics[r].size(), first.metrics[r].size());
    for (const auto& [k, v] : first.metrics[r]) {
      const auto it = again.metrics[r].find(k);
      ASSERT_NE(it, again.metrics[r].end()) << k.label;
      EXPECT_EQ(std::memcmp(&it->second, &v, sizeof v), 0) << k.label;
    }
  }
  // The SHA-256 itself, against a known value.
  EXPECT_EQ(outputs::sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
