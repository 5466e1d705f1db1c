// Queueing theory through the scenario format: validation cases (sim/validation.hpp) whose model is
// a scenario text, loaded and run like any user's. `bordersim verify` runs them after the engine's
// own cases; tests/test_validation.cpp asserts them.
#pragma once

#include <vector>

#include "sim/validation.hpp"

namespace models {

// Three priority levels at one stop (Cobham for M/M/c); a yard without road room (M/M/c/K
// blocking); a road queue with exponential patience (Erlang A).
std::vector<sim::ValidationCase> scenario_validation_cases();

}  // namespace models
