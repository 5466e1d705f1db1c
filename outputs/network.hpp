// The corridor network of a scenario as result tables (/network/places, /network/legs,
// /network/route_steps), declared in the output contract.
#pragma once

#include <hdf5.h>

#include "models/scenario.hpp"

namespace outputs {

// Does the scenario have a network worth drawing (places, or a flow with several routes)?
bool has_network(const models::Scenario& sc);
// Writes `group`/network when it has; nothing otherwise.
void write_network(hid_t group, const models::Scenario& sc);

}  // namespace outputs
