// bordersim: the command line. Thin: parse, call, print.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <cstdio>

#include <fstream>
#include <sstream>

#include "models/border.hpp"
#include "models/loader.hpp"
#include "models/schema.hpp"
#include "models/units.hpp"
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

std::string hours_text(double s) {
  int m = static_cast<int>(std::lround(s / 60));
  return fmt::format("{:02}:{:02}", m / 60, m % 60);
}

std::string zone_text(int offset_s) {
  return fmt::format("UTC{}{}", offset_s < 0 ? "-" : "+", std::abs(offset_s) / 3600);
}

int validate(const std::string& path) {
  models::Scenario sc = models::load_scenario(path);
  fmt::print("{}: valid scenario '{}'\n", path, sc.name);
  if (!sc.description.empty()) fmt::print("  {}\n", sc.description);
  fmt::print("  start {} {} ({}), horizon {:.1f} d, warm-up {:.1f} d, seed {}, {} replications\n",
             models::units::format_date(sc.start_day), hours_text(sc.start_time_s), zone_text(sc.utc_offset_s),
             sc.horizon_s / 86400, sc.warmup_s / 86400, sc.seed, sc.replications);
  fmt::print("  cargo:");
  for (const auto& c : sc.cargo)
    fmt::print(" {}{}", c.id, c.perishable ? fmt::format(" (perishable, {:.1f} d)", c.shelf_life_s / 86400) : "");
  fmt::print("\n  gate sides:\n");
  for (const auto& g : sc.sides) {
    fmt::print("    {} [{}] {} open {}-{}, yard {}, {} closure(s), {} extended-hours range(s)\n", g.id, g.country,
               zone_text(g.utc_offset_s), hours_text(g.hours.open_s), hours_text(g.hours.close_s),
               g.yard_capacity > 0 ? std::to_string(g.yard_capacity) : std::string("unlimited"),
               g.closures.size(), g.extended.size());
    for (const auto& st : g.stages)
      fmt::print("      {:<14} {:<11} {} server(s){}, mean service {:.1f} min{}\n", st.id, st.kind, st.servers,
                 st.lane.servers ? fmt::format(" + {} lane", st.lane.servers) : "",
                 (st.channels.empty() ? st.service.mean() : [&] {
                   double m = 0;
                   for (const auto& ch : st.channels) m += ch.share * ch.service.mean();
                   return m;
                 }()) / 60,
                 st.priority ? ", priority for eligible cargo" : "");
  }
  const char* modes[] = {"sequential", "single_window", "single_stop"};
  for (const auto& c : sc.crossings)
    fmt::print("  crossing {}: {} <-> {}, CBTA {}{}\n", c.id, sc.sides[c.side_a].id, sc.sides[c.side_b].id,
               modes[static_cast<int>(c.mode)],
               c.accept_per_day > 0 ? fmt::format(", entry side takes {:.0f}/day", c.accept_per_day) : "");
  for (const auto& f : sc.flows)
    fmt::print("  flow {}: {} {}, {:.1f} trucks/day{}\n", f.id, f.export_direction ? "export" : "import",
               f.empty ? "(empty)" : "", f.arrivals.rate_per_s * 86400,
               f.arrivals.table_s.empty() ? "" : fmt::format(" (table of {} arrivals)", f.arrivals.table_s.size()));
  for (const auto& r : sc.rail)
    fmt::print("  rail {}: {} departure(s)/day, {} wagons/train, {:.1f} wagons/day, terminal {} with {} crane(s)\n",
               r.id, r.departures_s.size(), r.wagons_per_train, r.wagons_per_day, r.terminal, r.cranes);
  fmt::print("  offered load per stage (sequential, over normal opening hours):\n");
  int warnings = 0;
  for (const auto& l : models::offered_loads(sc)) {
    fmt::print("    {:<28} {:7.1f} vehicles/day x {:6.1f} min / {:5.1f} server-h = {:5.2f}\n", l.name,
               l.arrivals_per_day, l.mean_service_s / 60, l.server_hours_per_day, l.load);
    if (l.load >= 1) ++warnings;
  }
  for (const auto& l : models::offered_loads(sc))
    if (l.load >= 1)
      fmt::print("{}: warning: stage {} is offered {:.2f} times what it can serve in its opening hours: its queue "
                 "will grow without bound\n",
                 path, l.name, l.load);
  return kExitOk;
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

  std::string scenario_path;
  auto* validate_cmd = app.add_subcommand("validate", "Check a scenario and describe it (flows, gates, stages, loads)");
  validate_cmd->add_option("scenario", scenario_path, "scenario YAML file")->required();
  auto* schema_cmd = app.add_subcommand("schema", "Print the scenario format reference (Markdown)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;  // CLI11's own codes (100-127) map to 2
  }
  try {
    if (verify_cmd->parsed()) return verify(vopt);
    if (validate_cmd->parsed()) return validate(scenario_path);
    if (schema_cmd->parsed()) {
      fmt::print("{}", models::schema_markdown());
      return kExitOk;
    }
  } catch (const models::SourceError& e) {
    fmt::print(stderr, "{}\n", e.what());
    return kExitUsage;
  } catch (const std::exception& e) {
    fmt::print(stderr, "bordersim: error: {}\n", e.what());
    return kExitFailure;
  }
  return kExitOk;
}
