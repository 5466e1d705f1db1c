// bordersim: the command line. Thin: parse, call, print.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <cstdio>

#include "sim/validation.hpp"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

int verify(const sim::ValidationOptions& opt) {
  auto cases = sim::validation_cases();
  bool all = true;
  fmt::print("{:<16} {:<26} {:>10} {:>10} {:>23}  {}\n", "case", "metric", "theory", "simulated",
             "95% CI", "result");
  for (const auto& c : cases) {
    sim::CaseResult r = sim::run_validation(c, opt);
    for (const auto& m : r.metrics) {
      fmt::print("{:<16} {:<26} {:>10.4f} {:>10.4f} [{:>10.4f}, {:>10.4f}]  {}\n", c.name, m.name,
                 m.theory, m.ci.mean, m.ci.lo, m.ci.hi, m.pass ? "pass" : "FAIL");
    }
    all = all && r.pass;
    std::fflush(stdout);
  }
  fmt::print("{}\n", all ? "all validation cases pass" : "some validation cases FAILED");
  return all ? kExitOk : kExitFailure;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"bordersim: discrete-event simulation of cross-border freight"};
  app.set_version_flag("--version", std::string(BORDERSIM_VERSION) + " (" BORDERSIM_GIT_REV ")");
  app.require_subcommand(1);

  sim::ValidationOptions vopt;
  auto* verify_cmd = app.add_subcommand(
      "verify", "Run the queueing-theory validation cases: theory, simulated mean, 95% CI");
  verify_cmd->add_option("--replications", vopt.replications, "replications per case")
      ->check(CLI::Range(2, 10000));
  verify_cmd->add_option("--threads", vopt.threads, "worker threads (0: all cores)");
  verify_cmd->add_option("--seed", vopt.seed, "base seed");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;  // CLI11's own codes (100-127) map to 2
  }
  try {
    if (verify_cmd->parsed()) return verify(vopt);
  } catch (const std::exception& e) {
    fmt::print(stderr, "bordersim: error: {}\n", e.what());
    return kExitFailure;
  }
  return kExitOk;
}
