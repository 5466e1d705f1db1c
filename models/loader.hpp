// Reads a scenario YAML file into a validated Scenario. Every error is a SourceError
// `file:line:col: error: key.path: what was expected` (1-based; a missing key is reported at its
// parent's position); unknown keys get a "did you mean" when a declared key is close.
#pragma once

#include <string>

#include "models/overrides.hpp"  // set_in_tree: `key.path=<YAML fragment>` on a merged tree
#include "models/scenario.hpp"
#include "models/yaml_tree.hpp"

namespace models {

Scenario load_scenario(const std::string& path);
// The scenario's resolved tree (Scenario::resolved) as one document, with the keys a command may
// set after reading it (seed, replications, horizon, warm-up) at the values `sc` holds: what ran.
std::string resolved_as_run(const Scenario& sc);
// From text (tests); `file` names it in errors and resolves `extends` and tables.
Scenario load_scenario_text(const std::string& text, const std::string& file);
// The tree after `extends` is resolved (variants merged onto their bases).
YamlNode load_merged_tree(const std::string& path);
// The same from text; `file` names it in errors and resolves `extends`.
YamlNode load_merged_tree_text(const std::string& text, const std::string& file);
// A scenario from an already merged (and possibly edited, see `bordersim sweep`) tree.
Scenario load_scenario_tree(const YamlNode& merged, const std::string& file, std::string text);
// Refuses (SourceError at the zone's key) a named zone whose UTC offset changes between the
// scenario's start and its horizon: the model keeps one offset per place (models/zone.hpp).
// The loader calls it; so does whoever changes the horizon afterwards.
void check_zone_offsets(const Scenario& sc);
// A lever of `bordersim optimise` on `ref` ("<side>.<stage>", "<side>.<agency>", "<side>"),
// bounds and blocks not set; std::invalid_argument naming what exists when it does not resolve
// or cannot be a lever (loader_optimise.cpp).
LeverSpec make_lever(const Scenario& sc, LeverSpec::Kind kind, const std::string& ref);

}  // namespace models
