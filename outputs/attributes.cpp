// The root attributes of a result file, declared once (contract.hpp): the writer
// (results.cpp) writes each, docs/output-format.md lists them, the report reads them.
#include "outputs/contract.hpp"

namespace outputs {

const std::vector<AttributeSpec>& root_attributes() {
  static const std::vector<AttributeSpec> a = {
      {"bordersim_version", "string", "", "the version of bordersim that wrote the file"},
      {"git_revision", "string", "", "the source revision it was built from"},
      {"command", "string", "",
       "`compare`, `sweep` or `explore` for those commands' files; absent in a run's file"},
      {"scenario_name", "string", "",
       "the scenario's `name` (a comparison's: the base's; a "
       "sweep's: the scenario swept)"},
      {"scenario_description", "string", "", "the scenario's `description`"},
      {"scenario_file", "string", "", "the scenario file as given on the command line"},
      {"scenario_yaml", "string", "", "the scenario's full text, as read"},
      {"scenario_resolved_yaml", "string", "",
       "the scenario as run: one YAML document after `extends` and overrides (`bordersim run` on "
       "it gives the same result); also on each scenarios/<name> and sweep/pNNN group. Absent in "
       "files written before it was added",
       true},
      {"scenario_chain", "string", "",
       "each base file of the scenario's `extends` chain, nearest first: a line `# ---- base k: "
       "<path> (sha256 <hex>, <n> bytes)` and its text as read; empty when it extends none. Also "
       "on each scenarios/<name> and sweep/pNNN group. Absent in files written before it was "
       "added",
       true},
      {"uncertain_inputs", "string", "",
       "the inputs the scenario declares uncertain (`uncertain:`), which this file ran at the "
       "scenario's own value: one line each, tab-separated: name, key, what it ranges over, the "
       "value run, and `source: <id>` or `why: <reason>`. Also on each scenarios/<name> and "
       "sweep/pNNN group. Absent when the scenario declares none",
       true},
      {"precision", "float64", "",
       "`--precision`: the relative CI half-width asked for (with `precision_metrics`, "
       "`precision_batches`, `max_replications` and any `precision_warnings`); absent without",
       true},
      {"seed", "int64", "", "the seed of the random streams"},
      {"replications", "int64", "", "replications run"},
      {"horizon_s", "float64", "s", "simulated time from the start to the horizon"},
      {"warmup_s", "float64", "s",
       "the warm-up: vehicles that arrived before it are left out of "
       "the summary"},
      {"start_epoch_s", "float64", "s",
       "the start instant (t_s = 0) as seconds since 1970-01-01 00:00 UTC: the UTC time of a "
       "table's t_s is start_epoch_s + t_s"},
      {"start_local", "string", "",
       "the start as the scenario wrote it, `YYYY-MM-DD hh:mm` in "
       "its time zone"},
      {"time_zone", "string", "",
       "the scenario's time zone as written (`UTC+7`, "
       "`Asia/Ho_Chi_Minh`)"},
      {"utc_offset_s", "int64", "s",
       "that zone's offset from UTC at the start: local time = UTC + "
       "utc_offset_s"},
      {"created", "string", "", "when the file was written, UTC (ISO 8601)"},
  };
  return a;
}

}  // namespace outputs
