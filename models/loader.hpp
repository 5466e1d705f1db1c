// Reads a scenario YAML file into a validated Scenario. Every error is a SourceError
// `file:line:col: error: key.path: what was expected` (1-based; a missing key is reported at its
// parent's position); unknown keys get a "did you mean" when a declared key is close.
#pragma once

#include <string>

#include "models/scenario.hpp"
#include "models/yaml_tree.hpp"

namespace models {

Scenario load_scenario(const std::string& path);
// From text (tests); `file` names it in errors and resolves `extends` and tables.
Scenario load_scenario_text(const std::string& text, const std::string& file);
// The tree after `extends` is resolved (variants merged onto their bases).
YamlNode load_merged_tree(const std::string& path);
// The same from text; `file` names it in errors and resolves `extends`.
YamlNode load_merged_tree_text(const std::string& text, const std::string& file);
// A scenario from an already merged (and possibly edited, see `bordersim sweep`) tree.
Scenario load_scenario_tree(const YamlNode& merged, const std::string& file, std::string text);
// Sets `key.path` in a tree to a scalar `value` (creating the last key if absent). A path segment
// matches a mapping key, or the `id` of an item in a list (stages). Throws SourceError naming
// `origin` when the path does not lead anywhere.
// Refuses (SourceError at the zone's key) a named zone whose UTC offset changes between the
// scenario's start and its horizon: the model keeps one offset per place (models/zone.hpp).
// The loader calls it; so does whoever changes the horizon afterwards.
void check_zone_offsets(const Scenario& sc);
void set_in_tree(YamlNode& root, const std::string& path, const std::string& value,
                 const std::string& origin);

}  // namespace models
