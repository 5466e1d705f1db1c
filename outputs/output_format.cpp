// docs/output-format.md, generated from the output contract (contract.hpp) by
// `bordersim output-format`; the test OutputFormat.DocsAreCurrent fails when the file is stale.
#include <sstream>

#include "outputs/contract.hpp"

namespace outputs {

namespace {

std::string cell(const std::string& s) {
  return s.empty() ? "—" : s;
}

void table_section(std::ostringstream& os, const TableSpec& t) {
  os << "\n### `" << t.path << "`\n\n" << t.meaning << "\n";
  if (!t.note.empty()) os << "Attribute `note`: \"" << t.note << "\".\n";
  os << "\n| column | type | unit | meaning |\n|---|---|---|---|\n";
  for (const ColumnSpec& c : t.columns)
    os << "| `" << c.name << "` | " << type_text(c) << " | " << cell(c.unit) << " | " << c.meaning
       << " |\n";
}

std::string groups_text(const MetricSpec& m) {
  std::string s;
  for (GroupKind k : m.groups)
    s += (s.empty() ? "" : ", ") + group_kinds()[static_cast<std::size_t>(k)].label;
  return s;
}

}  // namespace

std::string output_format_markdown() {
  std::ostringstream os;
  os << "# Result files (HDF5)\n\n"
        "Generated from `outputs/contract.hpp` by `bordersim output-format`; a test fails when "
        "this file is\n"
        "out of date.\n\n"
        "Written by `bordersim run`, `compare` and `sweep` through the HDF5 C API "
        "(`outputs/hdf5.*`). Every\n"
        "table is a 1-D, chunked, deflate-compressed **compound** dataset: `h5py` reads it as a "
        "structured\n"
        "array and `pandas.read_hdf(file, \"replications/r000/vehicles\")` as a DataFrame. Time "
        "columns are in\n"
        "seconds since the scenario's start (`<column>_unit` attributes say so); `-1` marks a time "
        "a\n"
        "vehicle never reached. Categorical columns are integer codes named in `/lookup`. Strings "
        "are\n"
        "fixed-length, null-padded UTF-8.\n\n"
        "```\n"
        "/                                   attrs: bordersim_version, git_revision, "
        "scenario_name,\n"
        "                                    scenario_description, scenario_file, scenario_yaml "
        "(full text),\n"
        "                                    seed, replications, horizon_s, warmup_s, "
        "start_epoch_s,\n"
        "                                    start_local, time_zone, utc_offset_s, created (UTC)\n"
        "/lookup/<name>                      code, name (cargo: code, name, currency)\n"
        "/replications/rNNN                  attrs: arrived, released, rejected, turned_away "
        "(balked, reneged, turned back, refused or lost), in_system, events\n";
  for (Table t : {Table::Vehicles, Table::Visits, Table::Trains, Table::Timeseries, Table::Backlog,
                  Table::Windows, Table::Summary}) {
    const TableSpec& s = table_spec(t);
    std::string cols;
    for (const ColumnSpec& c : s.columns) cols += (cols.empty() ? "" : ", ") + c.name;
    std::string path = s.path;
    path.resize(std::max<std::size_t>(path.size() + 1, 36), ' ');
    // Wrap the column list at about 100 characters, aligned under its start.
    std::string line = path;
    std::istringstream words(cols);
    std::string w;
    bool first = true;
    while (words >> w) {
      if (!first && line.size() + w.size() + 1 > 100) {
        os << line << "\n";
        line = std::string(36, ' ');
        first = true;
      }
      line += (first ? "" : " ") + w;
      first = false;
    }
    os << line << "\n";
  }
  os << "```\n\n"
        "Which tables are written is the scenario's `outputs` section: `vehicles` (with `trains`) "
        "and\n"
        "`visits` are `all` (every replication), `first` (replication 0, the default) or `none`;\n"
        "`timeseries_step` (default `1h`, `0s` for none). `backlog` is written in every "
        "replication of a\n"
        "scenario with a crossing. Records stream into the file a chunk at "
        "a time\n"
        "while a replication runs, so memory follows the vehicles in the system, not the horizon "
        "(a year\n"
        "and ten years of `lao_cai.yaml` both peak at ~25 MiB, `bench/year.sh`).\n\n"
        "`compare BASE VARIANT...` runs every scenario with the base's seed and replication count "
        "(common\n"
        "random numbers) and writes each under `/scenarios/<name>/` (same layout as above) plus\n"
        "`/comparison`; its group codes are those of the base's `/scenarios/<base>/lookup`.\n"
        "`sweep SCENARIO --set key.path=v1,v2 [--set ...]` writes each grid point under "
        "`/sweep/pNNN/`\n"
        "(attribute `parameters`), `/points` and `/point_parameters`.\n\n"
        "## Tables\n";
  for (const TableSpec& t : all_tables()) table_section(os, t);

  os << "\n## Root attributes\n\n"
        "Attributes of `/`, UTF-8 strings and numbers; the report reads the start and zone to "
        "draw dates.\n\n"
        "Every reader (`report`, `summary`, `export --csv`, Python's `bordersim.open`) verifies a "
        "file before\n"
        "trusting it (`outputs/verify.hpp`) and refuses it with what is wrong (exit 1, or an "
        "exception)\n"
        "unless: every attribute below but `command` is there, a single value of its type, "
        "readable\n"
        "(`replications` 1 to 65535, `horizon_s` positive, `warmup_s` before it, `time_zone` not "
        "empty);\n"
        "each scenario (the root, `/scenarios/<name>`, `/sweep/pNNN`) has its `summary`, the "
        "lookups its\n"
        "tables' codes need (codes 0..n-1, each once) and exactly the groups `replications/r000` "
        "..\n"
        "`r<N-1>` for N = `replications` (a sweep point that sweeps `replications`: its own "
        "count);\n"
        "every object is a group or table reached by a hard link; every attribute is readable and "
        "every\n"
        "unit the tables below declare is there as `<column>_unit`.\n\n"
        "| attribute | type | unit | meaning |\n|---|---|---|---|\n";
  for (const AttributeSpec& a : root_attributes())
    os << "| `" << a.name << "` | " << a.type << " | " << cell(a.unit) << " | " << a.meaning
       << " |\n";

  os << "\n## Lookups\n\n| table | codes | meaning |\n|---|---|---|\n";
  for (const LookupSpec& l : lookup_specs()) {
    std::string codes;
    std::vector<std::string> names = l.names;
    if (l.name == "group_kinds")
      for (const GroupKindSpec& k : group_kinds()) names.push_back(k.name);
    for (std::size_t i = 0; i < names.size(); ++i)
      codes += (i ? ", " : "") + std::to_string(i) + " `" + names[i] + "`";
    os << "| `/lookup/" << l.name << "` | " << (codes.empty() ? "from the scenario" : codes)
       << " | " << l.meaning << " |\n";
  }

  os << "\n## Groups\n\n"
        "Each summary, comparison and points row is about one group. The `group` column is its "
        "label, for\n"
        "people; `group_kind`, `flow`, `cargo`, `treatment`, `stop` and `side` are the same group "
        "as codes\n"
        "into `/lookup`, for programs (-1 where a part does not apply): never split the label.\n\n"
        "| group_kind | label |\n|---|---|\n";
  for (const GroupKindSpec& k : group_kinds()) os << "| `" << k.name << "` | " << k.label << " |\n";

  os << "\n## Metrics\n\n"
        "Each is a mean over replications with a Student-t 95 % CI; percentiles are exact per "
        "replication\n"
        "(the replications' exact percentiles averaged), never from a sketch. Which vehicles a "
        "figure\n"
        "covers is part of its meaning:\n\n"
        "- **the cohort**: vehicles that arrived after the warm-up and were released before the "
        "horizon\n"
        "  (`completed_per_day`, transit, waits, the segments, border time, spoilage);\n"
        "- **all completions**: every vehicle released in the window after the warm-up, whenever "
        "it\n"
        "  arrived (`throughput_per_day`: what the border clears);\n"
        "- **the vehicles still in the system at the horizon**: `in_system_at_end`, the backlog "
        "metrics,\n"
        "  and the vehicles table (outcome 2, with their wait so far).\n\n"
        "Times of a vehicle (vehicles table, seconds since the scenario start, -1 = not reached): "
        "`arrival_s`\n"
        "entered the model; `border_in_s` reached the crossing's exit side (before its road queue "
        "and yard);\n"
        "`exit_cleared_s` through the exit side's stops; `crossed_s` accepted by the far side's "
        "intake;\n"
        "`entry_in_s` across the bridge (after any transshipment); `border_out_s` through the "
        "entry side;\n"
        "`done_s` left the model. `wait_s` is the time spent queued anywhere (stops, road, yard "
        "for the\n"
        "intake, bays, platforms), `road_wait_s` the part on the road for a yard place. The "
        "**border-crossing\n"
        "time** is `border_out_s - border_in_s`: the exit, intake, bridge, joint and entry "
        "segments\n"
        "(`segment_*_mean`) in the manner of the WCO Time Release Study. `{currency}` is the "
        "scenario's\n"
        "reporting currency (`currency`, with `exchange_rates` for the others).\n\n"
        "| metric | unit | groups | better | meaning |\n|---|---|---|---|---|\n";
  for (const MetricSpec& m : metric_catalogue())
    os << "| `" << m.name << "` | " << m.unit << " | " << groups_text(m) << " | "
       << better_name(m.better) << " | " << m.meaning << " |\n";
  os << "\n## Worked example: how long will my fruit trucks take?\n\n"
        "\"From arriving at Kim Thanh to leaving Bac Son, typically and in the worst 5 %\": the "
        "summary has it\n"
        "with CIs across replications (`border_time_p50`, `border_time_p95` for "
        "`cargo:fresh_fruit/export`).\n"
        "From the vehicles table of one replication, in three lines of pandas:\n\n"
        "```python\n"
        "v = pd.read_hdf(\"results/kim_thanh_bac_son.h5\", \"replications/r000/vehicles\")\n"
        "t = (v.border_out_s - v.border_in_s)[(v.outcome == 0) & (v.border_in_s >= 0) & "
        "(v.cargo == 0)] / 3600\n"
        "print(t.median(), t.quantile(0.95))   # hours; cargo code 0 is fresh_fruit in "
        "/lookup/cargo\n"
        "```\n";
  return os.str();
}

}  // namespace outputs
