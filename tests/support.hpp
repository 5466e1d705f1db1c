// Helpers shared by the model tests: shipped scenarios by name, and scenario files written on the
// fly.
#pragma once

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "models/loader.hpp"

#ifndef BORDERSIM_SOURCE_DIR
#error "BORDERSIM_SOURCE_DIR must name the source tree"
#endif

namespace test_support {

inline std::string scenario_path(const std::string& name) {
  return std::string(BORDERSIM_SOURCE_DIR) + "/scenarios/" + name + ".yaml";
}

// Writes `text` to a file of that name in the tests' temporary folder; returns its path.
inline std::string write_temp(const std::string& name, const std::string& text) {
  auto dir = std::filesystem::temp_directory_path() / "bordersim_tests";
  std::filesystem::create_directories(dir);
  auto p = dir / name;
  std::ofstream(p) << text;
  return p.string();
}

// Runs `bordersim ARGS` with stderr folded into stdout; returns what it printed and sets `status`
// to pclose's status (0: exit code 0).
inline std::string bordersim_output(const std::string& args, int& status) {
  const std::string cmd = std::string(BORDERSIM_BINARY) + " " + args + " 2>&1";
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) {
    status = -1;
    return out;
  }
  char buf[4096];
  while (std::fgets(buf, sizeof buf, p)) out += buf;
  status = pclose(p);
  return out;
}

// A variant of a shipped scenario: a file that `extends:` it under the name `name`, with `body`
// (YAML) stating what differs; loaded.
inline models::Scenario variant(const std::string& base, const std::string& name,
                                const std::string& body) {
  return models::load_scenario(write_temp(
      name + ".yaml", "extends: " + scenario_path(base) + "\nname: " + name + "\n" + body));
}

inline const std::vector<std::string> kShipped = {
    "kim_thanh_bac_son",      "lao_cai_hekou_rail",  "lao_cai",
    "priority_lane_off",      "priority_lane_on",    "cbta_sequential",
    "cbta_single_window",     "cbta_single_stop",    "fruit_surge",
    "surge_extended_hours",   "fruit_ban",           "lao_bao_sequential",
    "lao_bao_single_stop",    "gms_north",           "gms_north_lao_cai_closed",
    "fruit_surge_from_queue", "lang_son_queue_2022", "fruit_surge_response",
    "lychee_staffing"};

}  // namespace test_support
