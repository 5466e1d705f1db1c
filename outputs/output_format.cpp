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
        "Each is a mean over replications with a Student-t 95 % CI. Figures about vehicles cover "
        "those\n"
        "that arrived after the warm-up; the vehicles still in the system at the horizon are "
        "counted in\n"
        "`in_system_at_end` (and in the vehicles table with outcome 2). `{currency}` is the "
        "currency of\n"
        "the cargo classes summed.\n\n"
        "| metric | unit | groups | meaning |\n|---|---|---|---|\n";
  for (const MetricSpec& m : metric_catalogue())
    os << "| `" << m.name << "` | " << m.unit << " | " << groups_text(m) << " | " << m.meaning
       << " |\n";
  return os.str();
}

}  // namespace outputs
