// The scenario format reference (`bordersim schema`, docs/scenario-format.md), generated from the
// declarations of schema.cpp.
#include <sstream>
#include <string>

#include "models/overrides.hpp"
#include "models/scenario.hpp"
#include "models/schema.hpp"
#include "models/units.hpp"
#include "models/yaml_tree.hpp"

namespace models {

namespace {

// " One of: `a` (meaning), `b`." for the meaning column; a distribution kind lists its keys.
std::string choices_markdown(const Field& f) {
  if (f.choices.empty()) return "";
  std::string s = std::string(f.type) == "list" ? " Each item one of: " : " One of: ";
  for (std::size_t i = 0; i < f.choices.size(); ++i) {
    const Choice& c = f.choices[i];
    std::string note = c.meaning;
    for (std::size_t k = 0; k < c.takes.size(); ++k)
      note +=
          (k ? ", " : (note.empty() ? "takes " : "; takes ")) + std::string("`") + c.takes[k] + "`";
    s += (i ? ", `" : "`") + std::string(c.value) + "`" + (note.empty() ? "" : " (" + note + ")");
  }
  return s + ".";
}

}  // namespace

std::string schema_markdown() {
  std::ostringstream os;
  os << "# Scenario format\n\n"
        "Generated from `models/schema.cpp` by `bordersim schema`; a test fails when this file is\n"
        "out of date. Quantities carry units: durations `90s` `12min` `3h` `2d` `1w`; rates\n"
        "`300/day` `12/h`; masses `25t` `500kg`; money `40000USD` `900CNY`; times `07:00`; dates\n"
        "`2025-06-15`; zones `UTC` `UTC+7` `UTC+06:30` or any name of the system's tz\n"
        "database (`Asia/Ho_Chi_Minh`, `Asia/Phnom_Penh`, `Asia/Yangon`). A named zone's offset\n"
        "is taken at the scenario's start; a named zone whose offset changes before the horizon\n"
        "is an error (the model keeps one offset per place).\n"
        "Unknown keys are errors, and so is a value outside a key's listed values. Errors read\n"
        "`file:line:col: error: key.path: what was expected`.\n"
        "\nLimits: every duration is at most `"
     << units::kMaxDurationText
     << "` (100 years). A scenario file (and each file it extends) is at most "
     << (kMaxYamlBytes >> 20) << " MiB, nested at most " << kMaxYamlDepth
     << " levels, with at most " << kMaxYamlItems << " items in one list or mapping and "
     << kMaxDatedRanges << " in a list of date ranges; an arrival table is at most "
     << (kMaxTableBytes >> 20) << " MiB. Only regular files are read.\n";
  os << overrides_markdown();
  for (const SectionSchema* s : all_schemas()) {
    os << "\n## `" << s->path << "`\n\n" << s->doc << "\n\n";
    os << "| key | type | default | range | meaning | example |\n|---|---|---|---|---|---|\n";
    for (const Field& f : s->fields) {
      std::string def = f.default_value == nullptr ? "**required**"
                        : std::string(f.default_value).empty()
                            ? "—"
                            : "`" + std::string(f.default_value) + "`";
      std::string ex = std::string(f.example).empty() ? "" : "`" + std::string(f.example) + "`";
      os << "| `" << f.key << "` | " << f.type << " | " << def << " | " << f.range << " | " << f.doc
         << choices_markdown(f) << " | " << ex << " |\n";
    }
  }
  return os.str();
}

}  // namespace models
